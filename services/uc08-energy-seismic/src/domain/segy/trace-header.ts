import { SegyFormatError } from '../errors';

export const TRACE_HEADER_BYTES = 240;

export interface TraceHeader {
  readonly sequenceInLine: number;
  readonly sequenceInFile: number;
  readonly fieldRecord: number;
  readonly cdp: number;
  readonly traceId: number;
  /** Scalar of bytes 71–72: positive multiplies, negative divides, 0 means 1. */
  readonly coordinateScalar: number;
  readonly coordinateUnits: number;
  readonly samples: number;
  readonly sampleInterval: number;
  readonly inline: number;
  readonly crossline: number;
  /** CDP X/Y (bytes 181–188) with the coordinate scalar applied. */
  readonly cdpX: number;
  readonly cdpY: number;
  /** Source X/Y (bytes 73–80) with the coordinate scalar applied. */
  readonly sourceX: number;
  readonly sourceY: number;
}

export const applyScalar = (value: number, scalar: number): number => {
  if (scalar === 0) return value;
  return scalar > 0 ? value * scalar : value / -scalar;
};

export const parseTraceHeader = (bytes: Uint8Array, little: boolean): TraceHeader => {
  if (bytes.length < TRACE_HEADER_BYTES) {
    throw new SegyFormatError(`trace header has ${bytes.length} of ${TRACE_HEADER_BYTES} bytes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, TRACE_HEADER_BYTES);
  const i16 = (at: number) => view.getInt16(at, little);
  const u16 = (at: number) => view.getUint16(at, little);
  const i32 = (at: number) => view.getInt32(at, little);
  const coordinateScalar = i16(70);
  return {
    sequenceInLine: i32(0),
    sequenceInFile: i32(4),
    fieldRecord: i32(8),
    cdp: i32(20),
    traceId: i16(28),
    coordinateScalar,
    coordinateUnits: i16(88),
    samples: u16(114),
    sampleInterval: u16(116),
    inline: i32(188),
    crossline: i32(192),
    cdpX: applyScalar(i32(180), coordinateScalar),
    cdpY: applyScalar(i32(184), coordinateScalar),
    sourceX: applyScalar(i32(72), coordinateScalar),
    sourceY: applyScalar(i32(76), coordinateScalar),
  };
};
