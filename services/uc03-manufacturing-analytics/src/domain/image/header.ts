import { ImageDecodeError } from '../errors';

export type ImageFormat = 'png' | 'jpeg';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Format by magic bytes, never by file name: a `.png` that is really a JPEG is read as a JPEG. */
export const sniffImageFormat = (bytes: Uint8Array): ImageFormat | undefined => {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return undefined;
};

const u16 = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u32 = (b: Uint8Array, at: number) => u16(b, at) * 65536 + u16(b, at + 2);

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/**
 * Width and height from the header alone (PNG IHDR, JPEG SOF), so an image too large to decode is refused
 * before any pixel memory is allocated.
 */
export const readImageSize = (bytes: Uint8Array, format: ImageFormat): { width: number; height: number } => {
  if (format === 'png') {
    if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') {
      throw new ImageDecodeError('PNG without an IHDR chunk');
    }
    return { width: u32(bytes, 16), height: u32(bytes, 20) };
  }
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) throw new ImageDecodeError(`JPEG marker expected at offset ${at}`);
    const marker = bytes[at + 1] ?? 0;
    // Fill bytes and standalone markers carry no length.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    const length = u16(bytes, at + 2);
    if (length < 2) throw new ImageDecodeError(`JPEG segment with length ${length} at offset ${at}`);
    if (isStartOfFrame(marker)) {
      if (at + 9 > bytes.length) break;
      return { height: u16(bytes, at + 5), width: u16(bytes, at + 7) };
    }
    if (marker === 0xda || marker === 0xd9) break;
    at += 2 + length;
  }
  throw new ImageDecodeError('JPEG without a frame header (SOF) before the image data');
};
