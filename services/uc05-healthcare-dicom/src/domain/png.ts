import { deflateSync } from 'node:zlib';
import { crc32 } from './crc32';
import { DicomError } from './errors';

/** 8-bit pixels, row by row, `channels` samples per pixel (grey, or red-green-blue interleaved). */
export interface RasterImage {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  readonly data: Uint8Array;
}

/** The raster cannot be written as a PNG (a caller bug: sizes that do not match the data). */
export class PngEncodeError extends DicomError {
  override readonly name = 'PngEncodeError';
}

export const PNG_SIGNATURE: Uint8Array = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** PNG image dimensions are 31-bit (PNG §11.2.2). */
const MAX_DIMENSION = 0x7fffffff;
const COLOR_TYPE_GREY = 0;
const COLOR_TYPE_RGB = 2;

const chunk = (type: string, data: Uint8Array): Uint8Array => {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let index = 0; index < 4; index++) out[4 + index] = type.charCodeAt(index);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
};

const header = (image: RasterImage): Uint8Array => {
  const data = new Uint8Array(13);
  const view = new DataView(data.buffer);
  view.setUint32(0, image.width);
  view.setUint32(4, image.height);
  data[8] = 8; // bit depth
  data[9] = image.channels === 1 ? COLOR_TYPE_GREY : COLOR_TYPE_RGB;
  // compression 0 (deflate), filter method 0, interlace 0 (none): the zeros already there.
  return data;
};

/**
 * Every scanline with filter type 0 (None). Adaptive filters would compress better, but the caller
 * downscales when the file is too large, and unfiltered rows keep the encoder small and obviously right.
 */
const scanlines = (image: RasterImage): Uint8Array => {
  const rowBytes = image.width * image.channels;
  const out = new Uint8Array(image.height * (rowBytes + 1));
  for (let row = 0; row < image.height; row++) {
    out.set(image.data.subarray(row * rowBytes, (row + 1) * rowBytes), row * (rowBytes + 1) + 1);
  }
  return out;
};

const validate = (image: RasterImage): void => {
  const { width, height, channels, data } = image;
  const dimensionOk = (value: number): boolean => Number.isInteger(value) && value >= 1 && value <= MAX_DIMENSION;
  if (!dimensionOk(width) || !dimensionOk(height)) {
    throw new PngEncodeError(`PNG dimensions must be integers from 1 to ${MAX_DIMENSION}, got ${width}×${height}`);
  }
  if (channels !== 1 && channels !== 3) throw new PngEncodeError(`PNG channels must be 1 or 3, got ${channels}`);
  if (data.length !== width * height * channels) {
    throw new PngEncodeError(
      `${width}×${height}×${channels} pixels need ${width * height * channels} bytes, got ${data.length}`,
    );
  }
};

/** An 8-bit greyscale or RGB PNG (signature, IHDR, one IDAT, IEND). Throws `PngEncodeError` on bad sizes. */
export const encodePng = (image: RasterImage): Uint8Array => {
  validate(image);
  const parts = [
    PNG_SIGNATURE,
    chunk('IHDR', header(image)),
    chunk('IDAT', new Uint8Array(deflateSync(scanlines(image)))),
    chunk('IEND', new Uint8Array()),
  ];
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};
