import { buildDicomSample, DICOM_SAMPLE_SYNTAXES } from '@fsxn/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DicomParseError, type FrameRendering, type ParsedDicom, parseDicom, renderFirstFrame } from '../../src/domain';
import {
  buildImageDicom,
  decodePngFilterNone,
  type ImageSpec,
  type ImageSyntax,
  monochrome,
  words16,
} from './render-frame-fixtures';

/** Parses, or returns null when the parser rejects the bytes (with its own error type, never another). */
const parseOrNull = (bytes: Uint8Array): ParsedDicom | null => {
  try {
    return parseDicom(bytes);
  } catch (error) {
    if (error instanceof DicomParseError) return null;
    throw error;
  }
};

/** A rendering that keeps its promises: PNG within the limit, decoding to the reported size. */
const checkRendering = (result: FrameRendering, maxPngBytes: number): void => {
  if (result.kind === 'not-renderable') {
    expect(result.reason.length).toBeGreaterThan(0);
    return;
  }
  expect(result.png.length).toBeLessThanOrEqual(maxPngBytes);
  const decoded = decodePngFilterNone(result.png);
  expect([decoded.width, decoded.height]).toEqual([result.width, result.height]);
  expect([result.width, result.height]).toEqual([
    Math.ceil(result.sourceWidth / result.scale),
    Math.ceil(result.sourceHeight / result.scale),
  ]);
};

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

/** Image attributes anywhere between valid and absurd, with pixel data of any length. */
const specArb: fc.Arbitrary<ImageSpec> = fc.record({
  syntax: fc.constantFrom('explicit-le', 'implicit-le', 'explicit-be') as fc.Arbitrary<ImageSpec['syntax']>,
  rows: maybe(fc.integer({ min: 0, max: 12 })),
  columns: maybe(fc.integer({ min: 0, max: 12 })),
  samplesPerPixel: maybe(fc.constantFrom(0, 1, 3, 4)),
  photometric: maybe(
    fc.oneof(
      fc.constantFrom('MONOCHROME1', 'MONOCHROME2', 'RGB', 'PALETTE COLOR', 'YBR_FULL_422', ''),
      fc.string({ maxLength: 20 }),
    ),
  ),
  planarConfiguration: maybe(fc.integer({ min: 0, max: 3 })),
  bitsAllocated: maybe(fc.constantFrom(0, 1, 8, 12, 16, 32, 64)),
  bitsStored: maybe(fc.integer({ min: 0, max: 40 })),
  highBit: maybe(fc.integer({ min: 0, max: 40 })),
  pixelRepresentation: maybe(fc.integer({ min: 0, max: 2 })),
  numberOfFrames: maybe(fc.constantFrom('1', '3', 'x')),
  windowCenter: maybe(fc.oneof(fc.double({ noNaN: false }).map(String), fc.string({ maxLength: 8 }))),
  windowWidth: maybe(fc.oneof(fc.double({ noNaN: false }).map(String), fc.string({ maxLength: 8 }))),
  voiLutFunction: maybe(fc.constantFrom('LINEAR', 'LINEAR_EXACT', 'SIGMOID', 'OTHER', '')),
  rescaleIntercept: maybe(fc.oneof(fc.double().map(String), fc.constant('1e308'))),
  rescaleSlope: maybe(fc.oneof(fc.double().map(String), fc.constantFrom('0', '-1', '1e-300'))),
  pixelVr: maybe(fc.constantFrom<'OB' | 'OW'>('OB', 'OW')),
  pixelBytes: maybe(fc.uint8Array({ maxLength: 900 })),
});

/** Valid monochrome or RGB layouts with random windows and rescales, and pixel data that may fall short. */
const nearValidArb: fc.Arbitrary<ImageSpec> = fc
  .record({
    syntax: fc.constantFrom('explicit-le', 'implicit-le', 'explicit-be') as fc.Arbitrary<ImageSpec['syntax']>,
    rows: fc.integer({ min: 1, max: 12 }),
    columns: fc.integer({ min: 1, max: 12 }),
    rgb: fc.boolean(),
    photometric: fc.constantFrom('MONOCHROME1', 'MONOCHROME2'),
    bitsAllocated: fc.constantFrom(8, 16),
    storedShort: fc.nat(7),
    shift: fc.nat(7),
    pixelRepresentation: fc.integer({ min: 0, max: 1 }),
    planarConfiguration: fc.integer({ min: 0, max: 1 }),
    windowCenter: maybe(fc.integer({ min: -70000, max: 70000 }).map(String)),
    windowWidth: maybe(fc.integer({ min: -10, max: 140000 }).map(String)),
    voiLutFunction: maybe(fc.constantFrom('LINEAR', 'LINEAR_EXACT', 'SIGMOID')),
    rescaleSlope: maybe(fc.constantFrom('1', '2.5', '-1', '0.001')),
    rescaleIntercept: maybe(fc.constantFrom('0', '-1024', '32768')),
    pixelVr: fc.constantFrom<'OB' | 'OW'>('OB', 'OW'),
    missingBytes: fc.oneof(fc.constant(0), fc.nat(20)),
    seed: fc.uint8Array({ minLength: 64, maxLength: 64 }),
  })
  .map((draw): ImageSpec => {
    const bitsAllocated = draw.rgb ? 8 : draw.bitsAllocated;
    const bitsStored = draw.rgb ? 8 : Math.max(1, bitsAllocated - draw.storedShort);
    const highBit = Math.min(bitsAllocated - 1, bitsStored - 1 + draw.shift);
    const samples = draw.rgb ? 3 : 1;
    const length = Math.max(0, (draw.rows * draw.columns * samples * bitsAllocated) / 8 - draw.missingBytes);
    const { rgb, storedShort, shift, missingBytes, seed, ...attributes } = draw;
    return {
      ...attributes,
      photometric: rgb ? 'RGB' : draw.photometric,
      samplesPerPixel: samples,
      bitsAllocated,
      bitsStored,
      highBit,
      pixelRepresentation: rgb ? 0 : draw.pixelRepresentation,
      pixelVr: draw.syntax === 'implicit-le' ? 'OW' : draw.pixelVr,
      pixelBytes: Uint8Array.from({ length }, (_, index) => (seed[index % seed.length] ?? 0) ^ (index >>> 6)),
    };
  });

describe('renderFirstFrame never throws', () => {
  it('on random image attributes and pixel data of any length', () => {
    fc.assert(
      fc.property(fc.oneof(specArb, nearValidArb), (spec) => {
        const parsed = parseOrNull(buildImageDicom(spec));
        if (parsed !== null) checkRendering(renderFirstFrame(parsed, { maxPngBytes: 400 }), 400);
      }),
      { numRuns: 600 },
    );
  });

  it('on generator samples of random size, seed and transfer syntax', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DICOM_SAMPLE_SYNTAXES),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        fc.nat(1000),
        (syntax, rows, columns, seed) => {
          const result = renderFirstFrame(
            parseDicom(buildDicomSample({ syntax, seed, values: { rows, columns } }).bytes),
          );
          checkRendering(result, 5 * 1024 * 1024);
          expect(result.kind).toBe(syntax === 'jpeg-baseline' ? 'not-renderable' : 'rendered');
        },
      ),
      { numRuns: 120 },
    );
  });

  it('on every truncation and on random byte damage of generator samples that still parse', () => {
    const samples = DICOM_SAMPLE_SYNTAXES.map((syntax) => buildDicomSample({ syntax, seed: 7 }).bytes);
    fc.assert(
      fc.property(
        fc.constantFrom(...samples),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        (sample, cut, edits) => {
          const damaged = sample.slice(0, cut % (sample.length + 1));
          for (const [position, value] of edits) if (damaged.length > 0) damaged[position % damaged.length] = value;
          const parsed = parseOrNull(damaged);
          if (parsed !== null) checkRendering(renderFirstFrame(parsed), 5 * 1024 * 1024);
        },
      ),
      { numRuns: 600 },
    );
  });
});

describe('renderFirstFrame grey-level properties', () => {
  const frameArb = fc
    .record({ rows: fc.integer({ min: 1, max: 10 }), columns: fc.integer({ min: 1, max: 10 }) })
    .chain(({ rows, columns }) =>
      fc
        .array(fc.integer({ min: 0, max: 0xffff }), { minLength: rows * columns, maxLength: rows * columns })
        .map((values) => ({ rows, columns, values })),
    );

  it('keeps the order of unwindowed 16-bit values and spans 0–255 (MONOCHROME2), reversed for MONOCHROME1', () => {
    fc.assert(
      fc.property(frameArb, fc.boolean(), ({ rows, columns, values }, inverted) => {
        const bytes = words16(values, true);
        const spec = monochrome({
          rows,
          columns,
          pixelBytes: bytes,
          photometric: inverted ? 'MONOCHROME1' : 'MONOCHROME2',
        });
        const result = renderFirstFrame(parseDicom(buildImageDicom(spec)));
        if (result.kind !== 'rendered') throw new Error(result.reason);
        const grey = [...decodePngFilterNone(result.png).pixels].map((level) => (inverted ? 255 - level : level));
        const min = Math.min(...values);
        const max = Math.max(...values);
        values.forEach((value, index) => {
          for (let other = 0; other < values.length; other++) {
            if (value < (values[other] ?? 0)) expect(grey[index]).toBeLessThanOrEqual(grey[other] ?? 0);
          }
          if (max > min && value === min) expect(grey[index]).toBe(0);
          if (max > min && value === max) expect(grey[index]).toBe(255);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('renders random 8-bit RGB exactly, planar configuration 0 and 1 alike, in every native syntax', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ImageSyntax>('explicit-le', 'implicit-le', 'explicit-be'),
        fc
          .record({ rows: fc.integer({ min: 1, max: 9 }), columns: fc.integer({ min: 1, max: 9 }) })
          .chain(({ rows, columns }) =>
            fc
              .uint8Array({ minLength: rows * columns * 3, maxLength: rows * columns * 3 })
              .map((rgb) => ({ rows, columns, rgb })),
          ),
        (syntax, { rows, columns, rgb }) => {
          const count = rows * columns;
          const planes = new Uint8Array(count * 3);
          for (let pixel = 0; pixel < count; pixel++) {
            for (let channel = 0; channel < 3; channel++)
              planes[channel * count + pixel] = rgb[pixel * 3 + channel] ?? 0;
          }
          const spec: ImageSpec = {
            rows,
            columns,
            samplesPerPixel: 3,
            photometric: 'RGB',
            bitsAllocated: 8,
            bitsStored: 8,
            highBit: 7,
            pixelRepresentation: 0,
            syntax,
            // Implicit VR knows Pixel Data only as OW; OB keeps big-endian bytes unswapped.
            pixelVr: syntax === 'implicit-le' ? 'OW' : 'OB',
          };
          for (const [planarConfiguration, pixelBytes] of [
            [0, rgb],
            [1, planes],
          ] as const) {
            const result = renderFirstFrame(parseDicom(buildImageDicom({ ...spec, planarConfiguration, pixelBytes })));
            if (result.kind !== 'rendered') throw new Error(result.reason);
            expect(decodePngFilterNone(result.png).pixels).toEqual(rgb);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
