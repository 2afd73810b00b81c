import { encodePng, PngEncodeError, type RasterImage } from './png';

/**
 * Shrinks by an integer factor with a box filter: each output pixel is the rounded mean of a factor×factor
 * block. Edge blocks that run past the image average only the pixels that exist, so no row or column of
 * the source (where burned-in text often sits) is dropped.
 */
export const downscaleBox = (image: RasterImage, factor: number): RasterImage => {
  if (!Number.isInteger(factor) || factor < 1)
    throw new PngEncodeError(`downscale factor must be a positive integer, got ${factor}`);
  if (factor === 1) return image;
  const { width, height, channels, data } = image;
  const outWidth = Math.ceil(width / factor);
  const outHeight = Math.ceil(height / factor);
  const sums = new Float64Array(outWidth * channels);
  const out = new Uint8Array(outWidth * outHeight * channels);
  for (let outRow = 0; outRow < outHeight; outRow++) {
    sums.fill(0);
    const firstRow = outRow * factor;
    const lastRow = Math.min(height, firstRow + factor);
    for (let row = firstRow; row < lastRow; row++) {
      const rowStart = row * width * channels;
      for (let column = 0; column < width; column++) {
        const target = Math.floor(column / factor) * channels;
        const source = rowStart + column * channels;
        for (let channel = 0; channel < channels; channel++) {
          sums[target + channel] = (sums[target + channel] ?? 0) + (data[source + channel] ?? 0);
        }
      }
    }
    const blockRows = lastRow - firstRow;
    for (let outColumn = 0; outColumn < outWidth; outColumn++) {
      const blockColumns = Math.min(width, (outColumn + 1) * factor) - outColumn * factor;
      const count = blockRows * blockColumns;
      for (let channel = 0; channel < channels; channel++) {
        const index = outColumn * channels + channel;
        out[outRow * outWidth * channels + index] = Math.round((sums[index] ?? 0) / count);
      }
    }
  }
  return { width: outWidth, height: outHeight, channels, data: out };
};

export interface FittedPng {
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** The integer downscale factor applied; 1 when the full-resolution PNG fits. */
  readonly scale: number;
}

/**
 * The PNG of `image`, downscaled by the smallest factor tried that brings it to at most `maxBytes`; null when
 * even a 1×1 image does not fit. Factors grow by the square root of the size overshoot (file size is roughly
 * proportional to pixel count), so a huge frame needs few attempts.
 */
export const encodePngWithin = (image: RasterImage, maxBytes: number): FittedPng | null => {
  let scale = 1;
  for (;;) {
    const scaled = downscaleBox(image, scale);
    const png = encodePng(scaled);
    if (png.length <= maxBytes) return { png, width: scaled.width, height: scaled.height, scale };
    if (scaled.width === 1 && scaled.height === 1) return null;
    scale = Math.max(scale + 1, Math.ceil(scale * Math.sqrt(png.length / maxBytes)));
  }
};
