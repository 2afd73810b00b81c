import { SegyFormatError } from '../errors';
import { AmplitudeAccumulator, type AmplitudeStats } from './amplitudes';
import {
  BINARY_HEADER_BYTES,
  type BinaryHeader,
  FILE_HEADER_BYTES,
  parseBinaryHeader,
  TEXT_HEADER_BYTES,
} from './binary-header';
import { sampleTraceIndices, type TraceLayout, traceLayout } from './layout';
import { parseTextualHeader, type TextEncoding } from './textual-header';
import { parseTraceHeader, TRACE_HEADER_BYTES, type TraceHeader } from './trace-header';

/** Range reads of one file: `start` inclusive, `end` exclusive. */
export interface RangeReader {
  readonly size: number;
  read(start: number, end: number): Promise<Uint8Array>;
}

export interface InspectOptions {
  /** Traces whose headers and samples are read, spread over the file. */
  readonly sampledTraces: number;
  /** Samples read per sampled trace at most (the start of the trace). */
  readonly maxSamplesPerTrace: number;
}

export const DEFAULT_INSPECT_OPTIONS: InspectOptions = { sampledTraces: 8, maxSamplesPerTrace: 2048 };

export interface SampledTrace {
  readonly index: number;
  readonly header: TraceHeader;
  readonly samplesRead: number;
  readonly amplitudes: AmplitudeStats;
}

export interface SegyInspection {
  readonly textualHeader: {
    readonly encoding: TextEncoding;
    readonly surveyName?: string;
    readonly coordinateSystem?: string;
    readonly firstCards: readonly string[];
  };
  readonly binaryHeader: Omit<BinaryHeader, 'format'> & { readonly formatName: string };
  readonly layout: TraceLayout;
  readonly sampledTraces: readonly SampledTrace[];
  /** Over every sample read from the sampled traces. */
  readonly amplitudes: AmplitudeStats;
  /** Things that are wrong or suspicious but do not stop the inspection (size mismatch, header disagreements). */
  readonly issues: readonly string[];
  /** Bytes fetched by Range reads: bounded by 3600 + sampled traces × (headers + sample cap), whatever the file size. */
  readonly bytesRead: number;
  /** The bound above for this file's layout. */
  readonly readBudget: number;
}

/** The most bytes `inspectSegy` reads from any file of this sample format, whatever its size. */
export const readBudgetOf = (format: { bytes: number }, options: InspectOptions) =>
  FILE_HEADER_BYTES + options.sampledTraces * (TRACE_HEADER_BYTES + options.maxSamplesPerTrace * format.bytes);

/**
 * Reads a SEG-Y file's textual and binary headers (one Range read of 3600 bytes), derives the trace count
 * from the file size, then reads the 240-byte header and the first samples of a few traces spread over the
 * file. Never reads the whole file.
 */
export const inspectSegy = async (
  reader: RangeReader,
  options: InspectOptions = DEFAULT_INSPECT_OPTIONS,
): Promise<SegyInspection> => {
  if (reader.size < FILE_HEADER_BYTES) {
    throw new SegyFormatError(
      `truncated: ${reader.size} bytes, the SEG-Y file headers alone need ${FILE_HEADER_BYTES}`,
    );
  }
  let bytesRead = 0;
  const read = async (start: number, end: number) => {
    const bytes = await reader.read(start, end);
    bytesRead += bytes.length;
    if (bytes.length !== end - start) {
      throw new SegyFormatError(`read ${bytes.length} bytes at ${start} where ${end - start} were expected`);
    }
    return bytes;
  };

  const head = await read(0, FILE_HEADER_BYTES);
  const textual = parseTextualHeader(head.subarray(0, TEXT_HEADER_BYTES));
  const binary = parseBinaryHeader(head.subarray(TEXT_HEADER_BYTES, TEXT_HEADER_BYTES + BINARY_HEADER_BYTES));
  const layout = traceLayout(binary, reader.size);
  const issues: string[] = [];
  if (!layout.traceCountExact) {
    issues.push(
      `file size does not match the trace layout: ${layout.trailingBytes} bytes after ${layout.traceCount} complete traces of ${layout.traceBytes} bytes`,
    );
  }
  if (binary.declaredTraceCount > 0 && binary.declaredTraceCount !== layout.traceCount) {
    issues.push(`binary header declares ${binary.declaredTraceCount} traces, the file size gives ${layout.traceCount}`);
  }
  if (layout.traceCount === 0) throw new SegyFormatError('no complete trace after the file headers');
  if (textual.encoding === 'blank') issues.push('textual header is blank');

  const little = binary.endianness === 'little';
  const samplesToRead = Math.min(binary.samplesPerTrace, options.maxSamplesPerTrace);
  const all = new AmplitudeAccumulator();
  const sampled: SampledTrace[] = [];
  for (const index of sampleTraceIndices(layout.traceCount, options.sampledTraces)) {
    const start = layout.dataStart + index * layout.traceBytes;
    const header = parseTraceHeader(await read(start, start + TRACE_HEADER_BYTES), little);
    const samplesStart = start + layout.traceHeaderBytes;
    const data = await read(samplesStart, samplesStart + samplesToRead * binary.format.bytes);
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const own = new AmplitudeAccumulator();
    for (let i = 0; i < samplesToRead; i++) {
      const value = binary.format.read(view, i * binary.format.bytes, little);
      own.add(value);
      all.add(value);
    }
    if (header.samples !== 0 && header.samples !== binary.samplesPerTrace && binary.samplesPerTrace < 65536) {
      issues.push(`trace ${index} header has ${header.samples} samples, the binary header ${binary.samplesPerTrace}`);
    }
    sampled.push({ index, header, samplesRead: samplesToRead, amplitudes: own.result() });
  }
  if (!binary.fixedLengthTraces) {
    issues.push('fixed-length trace flag is 0: trace positions assume the binary header sample count');
  }
  const { format, ...binaryFields } = binary;
  return {
    textualHeader: {
      encoding: textual.encoding,
      ...(textual.surveyName === undefined ? {} : { surveyName: textual.surveyName }),
      ...(textual.coordinateSystem === undefined ? {} : { coordinateSystem: textual.coordinateSystem }),
      firstCards: textual.cards.slice(0, 3),
    },
    binaryHeader: { ...binaryFields, formatName: format.name },
    layout,
    sampledTraces: sampled,
    amplitudes: all.result(),
    issues,
    bytesRead,
    readBudget: readBudgetOf(format, options),
  };
};
