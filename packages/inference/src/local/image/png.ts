import { crc32, inflateSync } from 'node:zlib';

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

export interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA */
  readonly colorType: number;
  readonly interlaced: boolean;
}

export interface PngChunk {
  readonly type: string;
  readonly data: Uint8Array;
}

export class PngFormatError extends Error {
  override readonly name = 'PngFormatError';
}

export const isPng = (bytes: Uint8Array): boolean => PNG_SIGNATURE.every((b, i) => bytes[i] === b);

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Splits a PNG into chunks, verifying each CRC so corrupt files are rejected rather than misread. */
export function readPngChunks(bytes: Uint8Array): PngChunk[] {
  if (!isPng(bytes)) throw new PngFormatError('not a PNG signature');
  const chunks: PngChunk[] = [];
  const dv = view(bytes);
  let pos = 8;
  while (pos + 12 <= bytes.length) {
    const length = dv.getUint32(pos);
    if (pos + 12 + length > bytes.length) throw new PngFormatError('chunk runs past the end of the file');
    const typeAndData = bytes.subarray(pos + 4, pos + 8 + length);
    if (crc32(typeAndData) !== dv.getUint32(pos + 8 + length)) throw new PngFormatError('chunk CRC mismatch');
    const type = Buffer.from(bytes.subarray(pos + 4, pos + 8)).toString('latin1');
    chunks.push({ type, data: bytes.subarray(pos + 8, pos + 8 + length) });
    pos += 12 + length;
    if (type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR') throw new PngFormatError('first chunk is not IHDR');
  return chunks;
}

export function parseIhdr(data: Uint8Array): PngHeader {
  if (data.length !== 13) throw new PngFormatError('IHDR must be 13 bytes');
  const dv = view(data);
  const header = {
    width: dv.getUint32(0),
    height: dv.getUint32(4),
    bitDepth: data[8] ?? 0,
    colorType: data[9] ?? 0,
    interlaced: data[12] === 1,
  };
  if (header.width === 0 || header.height === 0) throw new PngFormatError('zero image dimension');
  return header;
}

/** Decoding needs the whole image in memory; beyond this the stats come from the header only. */
export const MAX_DECODED_BYTES = 256 * 1024 * 1024;

const SAMPLES_PER_PIXEL: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export const channelsOf = (colorType: number): number => SAMPLES_PER_PIXEL[colorType] ?? 0;

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/**
 * Inflates the IDAT stream and reverses the per-row filters (PNG spec §9) of a non-interlaced image
 * with 8- or 16-bit samples. Returns the raw scanlines without filter bytes.
 */
export function unfilterScanlines(
  header: PngHeader,
  idat: Uint8Array,
): { rows: Uint8Array; stride: number; bpp: number } {
  const bytesPerSample = header.bitDepth / 8;
  const bpp = channelsOf(header.colorType) * bytesPerSample;
  const stride = header.width * bpp;
  const expected = header.height * (stride + 1);
  if (expected > MAX_DECODED_BYTES) throw new PngFormatError(`image too large to decode offline (${expected} bytes)`);
  let inflated: Uint8Array;
  try {
    inflated = inflateSync(idat, { maxOutputLength: expected + 1024 });
  } catch (error) {
    throw new PngFormatError(`image data does not inflate: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (inflated.length < expected) throw new PngFormatError('image data shorter than the header says');
  const rows = new Uint8Array(header.height * stride);
  for (let y = 0; y < header.height; y++) {
    const filter = inflated[y * (stride + 1)] ?? 0;
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    for (let x = 0; x < stride; x++) {
      const raw = inflated[src + x] ?? 0;
      const left = x >= bpp ? (rows[dst + x - bpp] ?? 0) : 0;
      const up = y > 0 ? (rows[dst - stride + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= bpp ? (rows[dst - stride + x - bpp] ?? 0) : 0;
      let predicted: number;
      if (filter === 0) predicted = 0;
      else if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) predicted = paeth(left, up, upLeft);
      else throw new PngFormatError(`unknown filter type ${filter}`);
      rows[dst + x] = (raw + predicted) & 0xff;
    }
  }
  return { rows, stride, bpp };
}
