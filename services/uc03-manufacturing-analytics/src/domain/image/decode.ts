import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { ImageDecodeError } from '../errors';
import { type ImageFormat, readImageSize, sniffImageFormat } from './header';

/** Decoded pixels as 8-bit RGBA, row-major. */
export interface RgbaImage {
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

export interface DecodeOptions {
  /** Images with more pixels are refused before decoding (memory bound). */
  readonly maxPixels?: number;
}

export const DEFAULT_MAX_PIXELS = 50_000_000;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** JPEG ends with EOI (FFD9), possibly followed by padding; without it the file was cut short. */
const hasEndOfImage = (bytes: Uint8Array): boolean => {
  for (let i = bytes.length - 2; i >= Math.max(2, bytes.length - 4096); i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  }
  return false;
};

/**
 * Decodes a PNG (pngjs: every colour type and bit depth, 16-bit scaled to 8) or a baseline/progressive JPEG
 * (jpeg-js) to RGBA. Anything else, a truncated file or a corrupt stream is an ImageDecodeError.
 */
export const decodeImage = (bytes: Uint8Array, options: DecodeOptions = {}): RgbaImage => {
  const format = sniffImageFormat(bytes);
  if (format === undefined) throw new ImageDecodeError('not a PNG or JPEG (unknown magic bytes)');
  const { width, height } = readImageSize(bytes, format);
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (width === 0 || height === 0) throw new ImageDecodeError(`${format} with zero size ${width}x${height}`);
  if (width * height > maxPixels) {
    throw new ImageDecodeError(`${format} of ${width}x${height} exceeds the ${maxPixels}-pixel limit`);
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (format === 'jpeg') {
    if (!hasEndOfImage(bytes)) throw new ImageDecodeError('truncated JPEG: no end-of-image marker');
    try {
      const decoded = jpeg.decode(buffer, {
        useTArray: true,
        formatAsRGBA: true,
        maxResolutionInMP: Math.ceil(maxPixels / 1_000_000),
        maxMemoryUsageInMB: Math.ceil((maxPixels * 8) / 1_000_000),
      });
      return { format, width: decoded.width, height: decoded.height, rgba: decoded.data };
    } catch (error) {
      throw new ImageDecodeError(`corrupt JPEG: ${messageOf(error)}`, { cause: error });
    }
  }
  try {
    const decoded = PNG.sync.read(buffer);
    return {
      format,
      width: decoded.width,
      height: decoded.height,
      rgba: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength),
    };
  } catch (error) {
    throw new ImageDecodeError(`corrupt PNG: ${messageOf(error)}`, { cause: error });
  }
};
