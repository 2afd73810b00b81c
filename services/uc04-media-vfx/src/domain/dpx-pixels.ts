import type { DpxHeader, DpxImageElement } from './dpx-header';
import { MediaParseError } from './errors';
import { type FrameCheck, judgeFrame, type LumaAccumulator, rec709Luma } from './pixel-stats';

/** Why this element's pixels are not sampled here, or null when they are. */
export const dpxUndecodableReason = (element: DpxImageElement): string | null => {
  if (element.encoding !== 0) return 'run-length encoded DPX is not decoded';
  if (![6, 50, 51, 52, 1, 2, 3].includes(element.descriptor)) {
    return `descriptor ${element.descriptorName} is not decoded (R, G, B, Y, RGB, RGBA, ABGR are)`;
  }
  if (element.dataSign !== 0) return 'signed DPX data is not decoded';
  switch (element.bitDepth) {
    case 8:
    case 16:
      return null;
    case 10:
    case 12:
      return element.packing === 1 || element.packing === 2
        ? null
        : `${element.bitDepth}-bit packed (packing 0) DPX is not decoded (filled methods A and B are)`;
    default:
      return `${element.bitDepth}-bit DPX is not decoded`;
  }
};

/**
 * Bytes of one stored line plus its end-of-line padding. 8-bit and 10-bit data fill whole 32-bit words;
 * 12-bit (filled) and 16-bit lines end on a 16-bit boundary, as ImageMagick's DPX coder reads them.
 */
export const dpxLineBytes = (header: DpxHeader, element: DpxImageElement): number => {
  const datums = header.pixelsPerLine * element.components;
  const bytes = (() => {
    switch (element.bitDepth) {
      case 1:
        return Math.ceil(datums / 32) * 4;
      case 8:
        return Math.ceil(datums / 4) * 4;
      case 10:
        return element.packing === 0 ? Math.ceil((datums * 10) / 32) * 4 : Math.ceil(datums / 3) * 4;
      case 12:
        return element.packing === 0 ? Math.ceil((datums * 12) / 32) * 4 : datums * 2;
      case 16:
        return datums * 2;
      case 32:
        return datums * 4;
      default:
        return datums * 8;
    }
  })();
  return bytes + element.endOfLinePadding;
};

/** Bytes the element's image data takes when uncompressed (lines plus end-of-image padding). */
export const dpxImageBytes = (header: DpxHeader, element: DpxImageElement): number =>
  dpxLineBytes(header, element) * header.linesPerElement + element.endOfImagePadding;

/** Reads the `count` component code values of one stored line. */
export const unpackDpxLine = (
  line: Uint8Array,
  element: DpxImageElement,
  count: number,
  littleEndian: boolean,
): Uint32Array => {
  const view = new DataView(line.buffer, line.byteOffset, line.byteLength);
  const out = new Uint32Array(count);
  const need = (bytes: number) => {
    if (bytes > line.length) throw new MediaParseError(`line has ${line.length} bytes, ${bytes} needed`, 0);
  };
  switch (element.bitDepth) {
    case 8:
      need(count);
      for (let i = 0; i < count; i++) out[i] = line[i] ?? 0;
      return out;
    case 16:
      need(count * 2);
      for (let i = 0; i < count; i++) out[i] = view.getUint16(i * 2, littleEndian);
      return out;
    case 12: {
      // Filled: one 12-bit value per 16-bit half word, in the high bits (A) or the low bits (B).
      need(count * 2);
      const shift = element.packing === 1 ? 4 : 0;
      for (let i = 0; i < count; i++) out[i] = (view.getUint16(i * 2, littleEndian) >> shift) & 0xfff;
      return out;
    }
    case 10: {
      // Filled: three 10-bit values per 32-bit word, first value in the high bits; method A leaves the two
      // padding bits at the bottom, method B at the top.
      need(Math.ceil(count / 3) * 4);
      const padding = element.packing === 1 ? 2 : 0;
      for (let i = 0; i < count; i++) {
        const word = view.getUint32(Math.floor(i / 3) * 4, littleEndian);
        out[i] = (word >>> (padding + 20 - (i % 3) * 10)) & 0x3ff;
      }
      return out;
    }
    default:
      throw new MediaParseError(`${element.bitDepth}-bit lines are not unpacked`, 0);
  }
};

/** Feeds the luminance of every pixel of one stored line into `acc` (codes normalised to 0..1). */
export const sampleDpxLine = (
  header: DpxHeader,
  element: DpxImageElement,
  line: Uint8Array,
  acc: LumaAccumulator,
): void => {
  const width = header.pixelsPerLine;
  const n = element.components;
  const codes = unpackDpxLine(line, element, width * n, header.byteOrder === 'little-endian');
  const max = 2 ** element.bitDepth - 1;
  // Component positions of R, G, B inside one pixel for each colour layout.
  const rgb = element.descriptor === 52 ? [3, 2, 1] : [0, 1, 2];
  for (let x = 0; x < width; x++) {
    const base = x * n;
    if (n >= 3) {
      const [ri = 0, gi = 1, bi = 2] = rgb;
      acc.add(rec709Luma((codes[base + ri] ?? 0) / max, (codes[base + gi] ?? 0) / max, (codes[base + bi] ?? 0) / max));
    } else {
      acc.add((codes[base] ?? 0) / max);
    }
  }
};

/**
 * The black level of a DPX element: its reference low code when set (95 of 1023 in Cineon-style log
 * files), else 0. The tolerance is one 8-bit step at the element's bit depth.
 */
export const judgeDpx = (element: DpxImageElement, acc: LumaAccumulator): FrameCheck => {
  const max = 2 ** element.bitDepth - 1;
  const refLow = element.refLowData !== undefined && element.refLowData < max ? element.refLowData : 0;
  const channels =
    element.components >= 3 ? 'R,G,B' : element.descriptorName === 'user-defined' ? 'V' : element.descriptorName;
  return judgeFrame(channels, acc.stats(), refLow / max, 1 / 255);
};
