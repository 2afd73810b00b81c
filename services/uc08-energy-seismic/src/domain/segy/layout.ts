import { SegyFormatError } from '../errors';
import { type BinaryHeader, FILE_HEADER_BYTES, TEXT_HEADER_BYTES } from './binary-header';
import { TRACE_HEADER_BYTES } from './trace-header';

/** More than this many extra trace headers per trace is not a real file: refuse rather than read garbage. */
const MAX_ADDITIONAL_TRACE_HEADERS = 64;

export interface TraceLayout {
  /** File offset of the first trace. */
  readonly dataStart: number;
  /** Bytes of all headers of one trace (240 × (1 + additional headers)). */
  readonly traceHeaderBytes: number;
  readonly sampleBytes: number;
  readonly traceBytes: number;
  /** Complete traces the file holds: (size − dataStart) / traceBytes rounded down. */
  readonly traceCount: number;
  /** Bytes after the last complete trace; non-zero means the size does not match the header. */
  readonly trailingBytes: number;
  readonly traceCountExact: boolean;
}

/**
 * trace count = (file size − 3600 − 3200 · extended headers) / (240 + samples · bytes per sample),
 * with rev 2's first-trace offset and additional trace headers taken into account.
 */
export const traceLayout = (header: BinaryHeader, fileSize: number): TraceLayout => {
  if (header.extendedTextHeaders < 0) {
    throw new SegyFormatError('a variable number of extended textual headers (-1) is not supported');
  }
  if (header.additionalTraceHeaders < 0 || header.additionalTraceHeaders > MAX_ADDITIONAL_TRACE_HEADERS) {
    throw new SegyFormatError(`implausible number of additional trace headers: ${header.additionalTraceHeaders}`);
  }
  if (header.samplesPerTrace <= 0) throw new SegyFormatError('binary header gives 0 samples per trace');
  const dataStart =
    header.firstTraceOffset > 0
      ? header.firstTraceOffset
      : FILE_HEADER_BYTES + TEXT_HEADER_BYTES * header.extendedTextHeaders;
  if (fileSize < dataStart) {
    throw new SegyFormatError(`file has ${fileSize} bytes but its traces start at byte ${dataStart}`);
  }
  const traceHeaderBytes = TRACE_HEADER_BYTES * (1 + header.additionalTraceHeaders);
  const sampleBytes = header.samplesPerTrace * header.format.bytes;
  const traceBytes = traceHeaderBytes + sampleBytes;
  const dataBytes = fileSize - dataStart;
  const traceCount = Math.floor(dataBytes / traceBytes);
  const trailingBytes = dataBytes - traceCount * traceBytes;
  return {
    dataStart,
    traceHeaderBytes,
    sampleBytes,
    traceBytes,
    traceCount,
    trailingBytes,
    traceCountExact: trailingBytes === 0,
  };
};

/** `count` trace indices spread evenly from the first to the last trace (all of them when there are fewer). */
export const sampleTraceIndices = (traceCount: number, count: number): number[] => {
  if (traceCount <= 0 || count <= 0) return [];
  if (traceCount <= count) return Array.from({ length: traceCount }, (_, i) => i);
  if (count === 1) return [0];
  const picked = new Set<number>();
  for (let k = 0; k < count; k++) picked.add(Math.round((k * (traceCount - 1)) / (count - 1)));
  return [...picked].sort((a, b) => a - b);
};
