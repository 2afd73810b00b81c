import { SegyFormatError } from '../errors';
import { isKnownFormatCode, type SampleFormat, sampleFormatOf } from './formats';

export const TEXT_HEADER_BYTES = 3200;
export const BINARY_HEADER_BYTES = 400;
export const FILE_HEADER_BYTES = TEXT_HEADER_BYTES + BINARY_HEADER_BYTES;

/** Rev 2 writes 16909060 (0x01020304) at bytes 3297–3300 so readers can tell the byte order. */
const BYTE_ORDER_CONSTANT = 0x01020304;
const BYTE_ORDER_SWAPPED = 0x04030201;

export type Endianness = 'big' | 'little';

export interface BinaryHeader {
  readonly endianness: Endianness;
  /** How the byte order was decided. */
  readonly endiannessFrom: 'byte-order-constant' | 'format-code';
  readonly jobId: number;
  readonly lineNumber: number;
  readonly reelNumber: number;
  readonly tracesPerEnsemble: number;
  readonly auxTracesPerEnsemble: number;
  /** µs (time) or mm/m (depth); rev 2's extended interval wins when set. */
  readonly sampleInterval: number;
  readonly samplesPerTrace: number;
  readonly formatCode: number;
  readonly format: SampleFormat;
  readonly ensembleFold: number;
  readonly sortingCode: number;
  /** 1 metres, 2 feet, other values unknown. */
  readonly measurementSystem: number;
  readonly revision: { readonly major: number; readonly minor: number };
  /** 1 when every trace has the binary header's sample count (rev 1+); rev 0 files are treated as fixed. */
  readonly fixedLengthTraces: boolean;
  readonly fixedLengthFlag: number;
  /** Number of 3200-byte extended textual headers after the binary header; -1 (rev 2) means "variable". */
  readonly extendedTextHeaders: number;
  /** Rev 2: extra 240-byte trace headers after each standard one. */
  readonly additionalTraceHeaders: number;
  /** Rev 2: number of traces the writer recorded (0 = not recorded). */
  readonly declaredTraceCount: number;
  /** Rev 2: byte offset of the first trace (0 = right after the headers). */
  readonly firstTraceOffset: number;
}

const headerView = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const detectEndianness = (view: DataView): Pick<BinaryHeader, 'endianness' | 'endiannessFrom'> => {
  const constant = view.getUint32(96, false);
  if (constant === BYTE_ORDER_CONSTANT) return { endianness: 'big', endiannessFrom: 'byte-order-constant' };
  if (constant === BYTE_ORDER_SWAPPED) return { endianness: 'little', endiannessFrom: 'byte-order-constant' };
  const big = view.getInt16(24, false);
  if (isKnownFormatCode(big)) return { endianness: 'big', endiannessFrom: 'format-code' };
  const little = view.getInt16(24, true);
  if (isKnownFormatCode(little)) return { endianness: 'little', endiannessFrom: 'format-code' };
  throw new SegyFormatError(
    `unknown data sample format code (bytes 3225-3226 read ${big} big-endian, ${little} little-endian)`,
  );
};

/** Parses the 400-byte binary file header (file bytes 3201–3600). */
export const parseBinaryHeader = (bytes: Uint8Array): BinaryHeader => {
  if (bytes.length < BINARY_HEADER_BYTES) {
    throw new SegyFormatError(`binary header has ${bytes.length} of ${BINARY_HEADER_BYTES} bytes`);
  }
  const view = headerView(bytes);
  const order = detectEndianness(view);
  const little = order.endianness === 'little';
  const i16 = (at: number) => view.getInt16(at, little);
  const u16 = (at: number) => view.getUint16(at, little);
  const i32 = (at: number) => view.getInt32(at, little);
  const u64 = (at: number) => Number(view.getBigUint64(at, little));

  const formatCode = i16(24);
  const format = sampleFormatOf(formatCode);
  if (format === undefined) {
    throw new SegyFormatError(`data sample format code ${formatCode} is not supported (4 = fixed point with gain)`);
  }
  // Bytes 3501/3502 are single bytes (major, minor) in rev 2; rev 1 wrote 0x0100 big-endian, which reads the same.
  const revision = { major: view.getUint8(300), minor: view.getUint8(301) };
  const rev2 = revision.major >= 2;
  const fixedLengthFlag = i16(302);
  let samplesPerTrace = u16(20);
  let sampleInterval = u16(16);
  if (rev2) {
    const extendedSamples = i32(68);
    const extendedInterval = view.getFloat64(72, little);
    if (extendedSamples > 0) samplesPerTrace = extendedSamples;
    if (Number.isFinite(extendedInterval) && extendedInterval > 0) sampleInterval = extendedInterval;
  }
  return {
    ...order,
    jobId: i32(0),
    lineNumber: i32(4),
    reelNumber: i32(8),
    tracesPerEnsemble: i16(12),
    auxTracesPerEnsemble: i16(14),
    sampleInterval,
    samplesPerTrace,
    formatCode,
    format,
    ensembleFold: i16(26),
    sortingCode: i16(28),
    measurementSystem: i16(54),
    revision,
    fixedLengthTraces: revision.major === 0 || fixedLengthFlag === 1,
    fixedLengthFlag,
    extendedTextHeaders: i16(304),
    additionalTraceHeaders: rev2 ? i32(306) : 0,
    declaredTraceCount: rev2 ? u64(312) : 0,
    firstTraceOffset: rev2 ? u64(320) : 0,
  };
};
