/**
 * A small DPX writer (SMPTE 268M) for samples and tests: one image element, uncompressed, 8-bit, 10-bit
 * filled (method A or B), 12-bit filled or 16-bit, either byte order. ImageMagick reads its files
 * independently.
 */

export interface DpxSpec {
  width: number;
  height: number;
  /** 50 RGB, 51 RGBA, 6 luma (Y). */
  descriptor: 50 | 51 | 6;
  bitDepth: 8 | 10 | 12 | 16;
  /** 10/12-bit: 1 = filled method A (default), 2 = filled method B. */
  packing?: 1 | 2;
  littleEndian?: boolean;
  /** Transfer characteristic code (2 linear, 1 printing density...); default 2. */
  transfer?: number;
  refLowData?: number;
  /** Code value of component `c` at (x, y). */
  pixel: (x: number, y: number, c: number) => number;
  creator?: string;
}

export const DPX_DATA_OFFSET = 2048;

const componentsOf = (descriptor: DpxSpec['descriptor']) => (descriptor === 50 ? 3 : descriptor === 51 ? 4 : 1);

/** Bytes of one stored line: 8- and 10-bit data in whole 32-bit words, 12/16-bit on a 16-bit boundary. */
export const dpxSampleLineBytes = (spec: Pick<DpxSpec, 'width' | 'descriptor' | 'bitDepth'>): number => {
  const datums = spec.width * componentsOf(spec.descriptor);
  switch (spec.bitDepth) {
    case 8:
      return Math.ceil(datums / 4) * 4;
    case 10:
      return Math.ceil(datums / 3) * 4;
    default:
      return datums * 2;
  }
};

const writeLine = (view: DataView, at: number, codes: number[], spec: DpxSpec, le: boolean) => {
  switch (spec.bitDepth) {
    case 8:
      for (const [i, c] of codes.entries()) view.setUint8(at + i, c & 0xff);
      return;
    case 16:
      for (const [i, c] of codes.entries()) view.setUint16(at + i * 2, c & 0xffff, le);
      return;
    case 12: {
      const shift = (spec.packing ?? 1) === 1 ? 4 : 0;
      for (const [i, c] of codes.entries()) view.setUint16(at + i * 2, (c & 0xfff) << shift, le);
      return;
    }
    case 10: {
      const padding = (spec.packing ?? 1) === 1 ? 2 : 0;
      for (let w = 0; w * 3 < codes.length; w++) {
        let word = 0;
        for (let k = 0; k < 3; k++) word |= ((codes[w * 3 + k] ?? 0) & 0x3ff) << (padding + 20 - k * 10);
        view.setUint32(at + w * 4, word >>> 0, le);
      }
      return;
    }
  }
};

const ascii = (bytes: Uint8Array, at: number, text: string, max: number) => {
  for (let i = 0; i < Math.min(text.length, max - 1); i++) bytes[at + i] = text.charCodeAt(i) & 0x7f;
};

export const writeDpx = (spec: DpxSpec): Uint8Array => {
  const le = spec.littleEndian ?? false;
  const lineBytes = dpxSampleLineBytes(spec);
  const size = DPX_DATA_OFFSET + lineBytes * spec.height;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  // Unset fields of the orientation and industry headers are all-ones, as the standard defines "undefined".
  bytes.fill(0xff, 1408, DPX_DATA_OFFSET);
  view.setUint32(0, 0x53445058, le);
  view.setUint32(4, DPX_DATA_OFFSET, le);
  ascii(bytes, 8, 'V2.0', 8);
  view.setUint32(16, size, le);
  view.setUint32(20, 1, le);
  view.setUint32(24, 1664, le);
  view.setUint32(28, 384, le);
  view.setUint32(32, 0, le);
  ascii(bytes, 160, spec.creator ?? 'fsxn uc04 sample writer', 100);
  view.setUint32(660, 0xffffffff, le);
  view.setUint16(768, 0, le);
  view.setUint16(770, 1, le);
  view.setUint32(772, spec.width, le);
  view.setUint32(776, spec.height, le);
  const e = 780;
  view.setUint32(e, 0, le);
  view.setUint32(e + 4, spec.refLowData ?? 0, le);
  view.setUint32(e + 12, 2 ** spec.bitDepth - 1, le);
  view.setUint8(e + 20, spec.descriptor);
  view.setUint8(e + 21, spec.transfer ?? 2);
  view.setUint8(e + 22, spec.transfer ?? 2);
  view.setUint8(e + 23, spec.bitDepth);
  view.setUint16(e + 24, spec.bitDepth === 10 || spec.bitDepth === 12 ? (spec.packing ?? 1) : 0, le);
  view.setUint16(e + 26, 0, le);
  view.setUint32(e + 28, DPX_DATA_OFFSET, le);
  view.setUint32(e + 32, 0, le);
  view.setUint32(e + 36, 0, le);
  // Elements 2..8 unused: all-ones.
  bytes.fill(0xff, e + 72, 1356);
  const n = componentsOf(spec.descriptor);
  for (let y = 0; y < spec.height; y++) {
    const codes: number[] = [];
    for (let x = 0; x < spec.width; x++) for (let c = 0; c < n; c++) codes.push(spec.pixel(x, y, c));
    writeLine(view, DPX_DATA_OFFSET + y * lineBytes, codes, spec, le);
  }
  return bytes;
};
