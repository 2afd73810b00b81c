import type { ImageStats } from '../../ports';
import { readJpegFrame } from './jpeg';
import {
  channelsOf,
  isPng,
  MAX_DECODED_BYTES,
  PngFormatError,
  parseIhdr,
  readPngChunks,
  unfilterScanlines,
} from './png';

export type ImageStatsOutcome =
  | { readonly stats: ImageStats }
  | { readonly error: 'unknown-image-format' | 'corrupt-image'; readonly message: string };

/** Mean Rec. 601 luma and whether every pixel is neutral grey, over decoded PNG scanlines. */
function luminance(
  rows: Uint8Array,
  colorType: number,
  bitDepth: number,
  pixels: number,
): { mean: number; grayscale: boolean } {
  const step = bitDepth / 8;
  const samples = channelsOf(colorType);
  // For 16-bit samples the high byte is enough for a 0–255 mean.
  const sample = (pixel: number, channel: number) => rows[(pixel * samples + channel) * step] ?? 0;
  let sum = 0;
  let grayscale = true;
  for (let p = 0; p < pixels; p++) {
    if (colorType === 0 || colorType === 4) {
      sum += sample(p, 0);
      continue;
    }
    const r = sample(p, 0);
    const g = sample(p, 1);
    const b = sample(p, 2);
    if (r !== g || g !== b) grayscale = false;
    sum += 0.299 * r + 0.587 * g + 0.114 * b;
  }
  return { mean: sum / pixels, grayscale };
}

function pngStats(bytes: Uint8Array): ImageStats {
  const chunks = readPngChunks(bytes);
  const header = parseIhdr(chunks[0]?.data ?? new Uint8Array());
  const base = {
    format: 'png' as const,
    width: header.width,
    height: header.height,
    channels: channelsOf(header.colorType),
  };
  const decodedSize = header.height * (header.width * base.channels * (header.bitDepth / 8) + 1);
  const decodable =
    !header.interlaced &&
    (header.bitDepth === 8 || header.bitDepth === 16) &&
    [0, 2, 4, 6].includes(header.colorType) &&
    decodedSize <= MAX_DECODED_BYTES;
  if (!decodable) return base;
  const idat = Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data));
  const { rows } = unfilterScanlines(header, idat);
  const { mean, grayscale } = luminance(rows, header.colorType, header.bitDepth, header.width * header.height);
  return {
    ...base,
    meanLuminance: Math.round(mean * 100) / 100,
    grayscale: grayscale || header.colorType === 0 || header.colorType === 4,
  };
}

/**
 * Measures an image without a full decoder: dimensions and channels from the PNG IHDR or JPEG SOF
 * header, and for non-interlaced 8/16-bit grey/RGB(A) PNGs the mean luminance of the actual pixels.
 */
export function measureImage(bytes: Uint8Array): ImageStatsOutcome {
  if (isPng(bytes)) {
    try {
      return { stats: pngStats(bytes) };
    } catch (error) {
      if (error instanceof PngFormatError) {
        return { error: 'corrupt-image', message: `PNG could not be read: ${error.message}` };
      }
      throw error;
    }
  }
  const frame = readJpegFrame(bytes);
  if (frame !== undefined) {
    if (frame.width === 0 || frame.height === 0)
      return { error: 'corrupt-image', message: 'JPEG frame header has a zero dimension' };
    return {
      stats: {
        format: 'jpeg',
        width: frame.width,
        height: frame.height,
        channels: frame.components,
        ...(frame.components === 1 ? { grayscale: true } : {}),
      },
    };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8)
    return { error: 'corrupt-image', message: 'JPEG without a readable frame header' };
  return { error: 'unknown-image-format', message: 'only PNG and JPEG headers are understood offline' };
}
