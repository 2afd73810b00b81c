import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeJpeg, encodePng, inspectionJpeg, inspectionPng, syntheticRgba } from '../../samples/images';
import {
  assessImageQuality,
  decodeImage,
  ImageDecodeError,
  laplacianVariance,
  luminanceOf,
  readImageSize,
  sniffImageFormat,
} from '../../src/domain';

/** 3×3 box blur with the border pixel repeated: the symmetric blur the variance property is stated for. */
const boxBlur = (lum: Float64Array, width: number, height: number): Float64Array => {
  const at = (x: number, y: number) =>
    lum[Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x))] ?? 0;
  const out = new Float64Array(lum.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) sum += at(x + dx, y + dy);
      out[y * width + x] = sum / 9;
    }
  }
  return out;
};

const plane = fc
  .record({ width: fc.integer({ min: 1, max: 12 }), height: fc.integer({ min: 1, max: 12 }) })
  .chain(({ width, height }) =>
    fc
      .array(fc.integer({ min: 0, max: 255 }), { minLength: width * height, maxLength: width * height })
      .map((values) => ({ width, height, lum: Float64Array.from(values) })),
  );

describe('laplacianVariance', () => {
  it('is the variance of the 4-neighbour Laplacian with repeated borders (checked by hand)', () => {
    // 3×1 row [0, 9, 0]: responses (9−0)+(0−0)=9·… → left: 9−0=9, centre: 0+0+(0−9)·2=−18, right: 9.
    // Mean 0, variance (81 + 324 + 81)/3 = 162.
    expect(laplacianVariance(Float64Array.from([0, 9, 0]), 3, 1)).toBe(162);
  });

  it('is exactly 0 for a constant image', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        fc.double({ min: 0, max: 255, noNaN: true }),
        (w, h, v) => {
          expect(laplacianVariance(new Float64Array(w * h).fill(v), w, h)).toBe(0);
        },
      ),
    );
  });

  it('never increases when the image is blurred', () => {
    fc.assert(
      fc.property(plane, ({ width, height, lum }) => {
        const before = laplacianVariance(lum, width, height);
        const after = laplacianVariance(boxBlur(lum, width, height), width, height);
        expect(after).toBeLessThanOrEqual(before * (1 + 1e-9) + 1e-9);
      }),
    );
  });
});

describe('decodeImage', () => {
  it('decodes PNG exactly and JPEG within codec error, with sizes from the header', () => {
    const rgba = syntheticRgba(40, 30, 'sharp');
    const png = decodeImage(encodePng(rgba, 40, 30));
    expect(png).toMatchObject({ format: 'png', width: 40, height: 30 });
    expect(Buffer.from(png.rgba).equals(Buffer.from(rgba))).toBe(true);
    const jpegBytes = encodeJpeg(rgba, 40, 30, 95);
    expect(readImageSize(jpegBytes, 'jpeg')).toEqual({ width: 40, height: 30 });
    const jpg = decodeImage(jpegBytes);
    const mean = (p: Uint8Array) => p.reduce((s, v) => s + v, 0) / p.length;
    expect(Math.abs(mean(jpg.rgba) - mean(rgba))).toBeLessThan(2);
  });

  it('refuses other formats, truncated files and images beyond the pixel bound', () => {
    expect(() => decodeImage(new TextEncoder().encode('GIF89a....'))).toThrow(/not a PNG or JPEG/);
    const jpg = inspectionJpeg('sharp', 64, 64);
    expect(() => decodeImage(jpg.subarray(0, jpg.length - 200))).toThrow(/truncated JPEG/);
    const png = inspectionPng('sharp', 64, 64);
    expect(() => decodeImage(png.subarray(0, png.length - 30))).toThrow(ImageDecodeError);
    expect(() => decodeImage(png, { maxPixels: 64 * 63 })).toThrow(/exceeds the 4032-pixel limit/);
    expect(sniffImageFormat(jpg)).toBe('jpeg');
  });

  it('throws nothing but ImageDecodeError on truncated or bit-flipped images', () => {
    const samples = [inspectionJpeg('sharp', 32, 24), inspectionPng('dark', 32, 24)];
    fc.assert(
      fc.property(
        fc.constantFrom(...samples),
        fc.nat(),
        fc.array(fc.record({ at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }), { maxLength: 4 }),
        (sample, cut, flips) => {
          const bytes = Uint8Array.from(sample.subarray(0, 1 + (cut % sample.length)));
          for (const { at, bit } of flips) {
            const i = at % bytes.length;
            bytes[i] = (bytes[i] ?? 0) ^ (1 << bit);
          }
          try {
            decodeImage(bytes, { maxPixels: 1_000_000 });
          } catch (error) {
            expect(error).toBeInstanceOf(ImageDecodeError);
          }
        },
      ),
    );
  });
});

describe('assessImageQuality', () => {
  const assess = (bytes: Uint8Array) => {
    const image = decodeImage(bytes);
    return assessImageQuality({ ...image, luminance: luminanceOf(image.rgba, image.width, image.height) });
  };

  it('passes a sharp, well exposed 800×600 image', () => {
    const quality = assess(inspectionJpeg('sharp'));
    expect(quality.issues).toEqual([]);
    expect(quality.flaggedForReview).toBe(false);
  });

  it('flags blur, under-exposure and low resolution, each with its reason', () => {
    expect(assess(inspectionJpeg('smooth')).issues.join(' ')).toMatch(/^blurred: Laplacian variance/);
    const dark = assess(inspectionPng('dark'));
    expect(dark.issues.join(' | ')).toMatch(/under-exposed: mean luminance .* < 40 \| clipped shadows/);
    expect(assess(inspectionPng('sharp', 320, 240)).issues).toEqual(['resolution 320x240 below 640x480']);
  });

  it('measures exposure of a known image by hand: half black, half white', () => {
    const lum = Float64Array.from([0, 0, 255, 255]);
    const quality = assessImageQuality({ width: 2, height: 2, luminance: lum });
    expect(quality).toMatchObject({ meanLuminance: 127.5, shadowClippedShare: 0.5, highlightClippedShare: 0.5 });
  });
});
