import { type InspectOptions, inspectSegy, type RangeReader, type SegyInspection, SeismicError } from './domain';

export type SeismicOutcome =
  | { kind: 'inspected'; inspection: SegyInspection }
  | { kind: 'failed'; reason: string; bytesRead: number };

/** Inspects one SEG-Y file; bad input ends as `failed` with the parser's reason, read faults throw. */
export const inspectSeismic = async (reader: RangeReader, options: InspectOptions): Promise<SeismicOutcome> => {
  let bytesRead = 0;
  const counting: RangeReader = {
    size: reader.size,
    read: async (start, end) => {
      const bytes = await reader.read(start, end);
      bytesRead += bytes.length;
      return bytes;
    },
  };
  try {
    return { kind: 'inspected', inspection: await inspectSegy(counting, options) };
  } catch (error) {
    if (error instanceof SeismicError) return { kind: 'failed', reason: `${error.name}: ${error.message}`, bytesRead };
    throw error;
  }
};
