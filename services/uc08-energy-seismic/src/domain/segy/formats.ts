import { ibmToNumber } from './ibm-float';

/** How one sample of a data sample format code is stored. */
export interface SampleFormat {
  readonly code: number;
  readonly name: string;
  readonly bytes: number;
  readonly read: (view: DataView, offset: number, little: boolean) => number;
}

const int24 = (view: DataView, offset: number, little: boolean, signed: boolean) => {
  const [b0, b1, b2] = [view.getUint8(offset), view.getUint8(offset + 1), view.getUint8(offset + 2)];
  const unsigned = little ? b0 | (b1 << 8) | (b2 << 16) : (b0 << 16) | (b1 << 8) | b2;
  return signed && unsigned & 0x800000 ? unsigned - 0x1000000 : unsigned;
};

const FORMATS: readonly SampleFormat[] = [
  { code: 1, name: 'IBM float32', bytes: 4, read: (v, o, l) => ibmToNumber(v.getUint32(o, l)) },
  { code: 2, name: 'int32', bytes: 4, read: (v, o, l) => v.getInt32(o, l) },
  { code: 3, name: 'int16', bytes: 2, read: (v, o, l) => v.getInt16(o, l) },
  // Code 4 (fixed point with gain) was removed in rev 2 and has no agreed decoding: refused below.
  { code: 5, name: 'IEEE float32', bytes: 4, read: (v, o, l) => v.getFloat32(o, l) },
  { code: 6, name: 'IEEE float64', bytes: 8, read: (v, o, l) => v.getFloat64(o, l) },
  { code: 7, name: 'int24', bytes: 3, read: (v, o, l) => int24(v, o, l, true) },
  { code: 8, name: 'int8', bytes: 1, read: (v, o) => v.getInt8(o) },
  { code: 9, name: 'int64', bytes: 8, read: (v, o, l) => Number(v.getBigInt64(o, l)) },
  { code: 10, name: 'uint32', bytes: 4, read: (v, o, l) => v.getUint32(o, l) },
  { code: 11, name: 'uint16', bytes: 2, read: (v, o, l) => v.getUint16(o, l) },
  { code: 12, name: 'uint64', bytes: 8, read: (v, o, l) => Number(v.getBigUint64(o, l)) },
  { code: 15, name: 'uint24', bytes: 3, read: (v, o, l) => int24(v, o, l, false) },
  { code: 16, name: 'uint8', bytes: 1, read: (v, o) => v.getUint8(o) },
];

const BY_CODE = new Map(FORMATS.map((f) => [f.code, f]));

export const sampleFormatOf = (code: number): SampleFormat | undefined => BY_CODE.get(code);

/** Format codes rev 0/1 defined (1–5) and rev 2 added (6–16, without 13 and 14, which are unassigned). */
export const isKnownFormatCode = (code: number): boolean => BY_CODE.has(code) || code === 4;
