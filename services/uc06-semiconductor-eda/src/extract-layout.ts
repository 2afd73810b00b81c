import { formatTimestamp } from '@fsxn/analytics';
import { formatByName, MAGIC_PROBE_BYTES } from './discovery-rules';
import {
  EdaError,
  invalidLayoutRow,
  type LayoutFacts,
  type LayoutFormat,
  type LayoutRow,
  type LayoutSummary,
  layoutFacts,
  type OasisLimits,
  parseGdsStream,
  parseOasis,
  sniffLayoutFormat,
} from './domain';

/** How the step reads one file: a streaming read of the whole object, or bounded Range reads. */
export interface LayoutReader {
  readonly key: string;
  readonly size: number;
  /** Streams the object once; `consume` sees chunks as they arrive. */
  stream<T>(consume: (chunks: AsyncIterable<Uint8Array>) => Promise<T>): Promise<T>;
  range(start: number, endInclusive: number): Promise<Uint8Array>;
}

export type ExtractedLayout =
  | { kind: 'parsed'; format: LayoutFormat; summary: LayoutSummary; facts: LayoutFacts; bytesRead: number }
  | { kind: 'failed'; format: LayoutFormat; reason: string; row: LayoutRow; bytesRead: number };

/** Counts bytes as they pass, so the item reports what was really read. */
async function* counted(chunks: AsyncIterable<Uint8Array>, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    onBytes(chunk.length);
    yield chunk;
  }
}

/**
 * GDSII: one streaming read over the whole record walk (boxes need every XY record). OASIS: Range reads
 * of the head, the END record and the name table only. A file that is not what its name says, or that
 * ends early, is `failed` with the parser's reason; read faults (S3, network) are thrown.
 */
export const extractLayout = async (
  reader: LayoutReader,
  options: { limits: OasisLimits; now: () => Date },
): Promise<ExtractedLayout> => {
  let bytesRead = 0;
  let format = formatByName(reader.key);
  if (format === undefined) {
    const probe = await reader.range(0, Math.min(reader.size, MAGIC_PROBE_BYTES) - 1);
    bytesRead += probe.length;
    format = sniffLayoutFormat(probe) ?? 'GDSII';
  }
  const at = formatTimestamp(options.now());
  try {
    let summary: LayoutSummary;
    if (format === 'GDSII') {
      summary = await reader.stream((chunks) => parseGdsStream(counted(chunks, (n) => (bytesRead += n))));
    } else {
      summary = await parseOasis(
        {
          size: reader.size,
          read: async (start, end) => {
            const bytes = await reader.range(start, end);
            bytesRead += bytes.length;
            return bytes;
          },
        },
        options.limits,
      );
    }
    return { kind: 'parsed', format, summary, facts: layoutFacts(reader.key, summary, at), bytesRead };
  } catch (error) {
    if (!(error instanceof EdaError) || error.transient) throw error;
    return {
      kind: 'failed',
      format,
      reason: `${error.name}: ${error.message}`,
      row: invalidLayoutRow(reader.key, format, at),
      bytesRead,
    };
  }
};
