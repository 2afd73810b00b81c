import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { seededRandom } from './random';

export type Pattern = 'sharp' | 'smooth' | 'dark' | 'flat';

/** RGBA pixels of a synthetic inspection photo: a machined-part texture, or one with a quality problem. */
export const syntheticRgba = (width: number, height: number, pattern: Pattern, seed = 1): Uint8Array => {
  const random = seededRandom(seed);
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let v: number;
      if (pattern === 'sharp') {
        // 16-pixel checkerboard of mid-tones with pixel noise: many hard edges, nothing clipped.
        const cell = (Math.floor(x / 16) + Math.floor(y / 16)) % 2;
        v = 70 + cell * 110 + Math.round(random.normal() * 12);
      } else if (pattern === 'smooth') {
        // A soft gradient: well exposed, but no edges (what a defocused camera sees).
        v = 90 + Math.round((80 * (x + y)) / (width + height));
      } else if (pattern === 'dark') {
        const cell = (Math.floor(x / 16) + Math.floor(y / 16)) % 2;
        // Half the pixels near black (clipped shadows), the rest dim: under-exposed, still with edges.
        v = cell * 24 + Math.round(random.next() * 2);
      } else {
        v = 128;
      }
      const i = (y * width + x) * 4;
      const c = Math.max(0, Math.min(255, v));
      // A slight colour cast on the lit patterns; the dark one stays grey so its shadows really clip.
      const tint = pattern === 'dark' ? 0 : 6;
      rgba[i] = c;
      rgba[i + 1] = Math.max(0, Math.min(255, c + tint));
      rgba[i + 2] = Math.max(0, Math.min(255, c - tint));
      rgba[i + 3] = 255;
    }
  }
  return rgba;
};

export const encodeJpeg = (rgba: Uint8Array, width: number, height: number, quality = 90): Buffer =>
  jpeg.encode({ data: Buffer.from(rgba), width, height }, quality).data;

export const encodePng = (rgba: Uint8Array, width: number, height: number): Buffer => {
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba);
  return PNG.sync.write(png);
};

export const inspectionJpeg = (pattern: Pattern, width = 800, height = 600, seed = 1) =>
  encodeJpeg(syntheticRgba(width, height, pattern, seed), width, height);

export const inspectionPng = (pattern: Pattern, width = 800, height = 600, seed = 1) =>
  encodePng(syntheticRgba(width, height, pattern, seed), width, height);
