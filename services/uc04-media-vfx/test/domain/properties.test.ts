import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeDpx } from '../../samples/dpx';
import { type ExrSpec, floatToHalf, interleaveAndPredict, writeExr } from '../../samples/exr';
import {
  analyseSequences,
  formatFrameList,
  MediaError,
  parseDpxHeader,
  parseExrHeader,
  unpredictAndInterleave,
} from '../../src/domain';
import { inspectFrame } from '../../src/inspect-frame';
import { luma, memorySource } from '../helpers';

const onlyMediaErrors = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof MediaError)) throw error;
  }
};

const channelNames = fc.uniqueArray(fc.constantFrom('R', 'G', 'B', 'A', 'Y', 'Z', 'id', 'N.x'), {
  minLength: 1,
  maxLength: 5,
});
const exrSpec = fc.record({
  width: fc.integer({ min: 1, max: 40 }),
  height: fc.integer({ min: 1, max: 40 }),
  x0: fc.integer({ min: -50, max: 50 }),
  y0: fc.integer({ min: -50, max: 50 }),
  names: channelNames,
  pixelType: fc.constantFrom('HALF', 'FLOAT', 'UINT') as fc.Arbitrary<'HALF' | 'FLOAT' | 'UINT'>,
  compression: fc.constantFrom('NONE', 'ZIPS', 'ZIP') as fc.Arbitrary<'NONE' | 'ZIPS' | 'ZIP'>,
  lineOrder: fc.constantFrom(0, 1) as fc.Arbitrary<0 | 1>,
  aspect: fc.float({ min: Math.fround(0.25), max: 4, noNaN: true }),
  value: fc.integer({ min: 0, max: 64 }).map((n) => n / 64),
});

type ExrCase = typeof exrSpec extends fc.Arbitrary<infer T> ? T : never;

const toSpec = (s: ExrCase): ExrSpec => ({
  width: s.width,
  height: s.height,
  x0: s.x0,
  y0: s.y0,
  channels: s.names.map((name) => ({ name, pixelType: s.pixelType })),
  compression: s.compression,
  lineOrder: s.lineOrder,
  pixelAspectRatio: s.aspect,
  pixel: (x, y) => (s.pixelType === 'UINT' ? x + y : s.value),
});

describe('EXR properties', () => {
  it('parses back every header field the writer encoded', () => {
    fc.assert(
      fc.property(exrSpec, (s) => {
        const header = parseExrHeader(writeExr(toSpec(s)));
        const [part] = header.parts;
        expect(part?.channels.map((c) => c.name)).toEqual([...s.names].sort());
        expect(part?.channels.every((c) => c.pixelType === s.pixelType)).toBe(true);
        expect(part?.compression).toBe(s.compression);
        expect(part?.dataWindow).toEqual({
          xMin: s.x0,
          yMin: s.y0,
          xMax: s.x0 + s.width - 1,
          yMax: s.y0 + s.height - 1,
        });
        expect(part?.lineOrder).toBe(s.lineOrder === 0 ? 'INCREASING_Y' : 'DECREASING_Y');
        expect(part?.pixelAspectRatio).toBe(s.aspect);
      }),
      { numRuns: 150 },
    );
  });

  it('decodes a constant frame of any size and compression to the value written (half precision)', async () => {
    await fc.assert(
      fc.asyncProperty(exrSpec, async (s) => {
        const spec = toSpec({ ...s, pixelType: 'HALF' });
        const result = await inspectFrame(memorySource(writeExr(spec)));
        expect(result.kind).toBe('ok');
        if (result.kind !== 'ok' || !result.summary.check.decoded) throw new Error('not decoded');
        const names = new Set(s.names);
        // Values are multiples of 1/64, exact in half precision.
        const expected = names.has('R') && names.has('G') && names.has('B') ? luma(s.value, s.value, s.value) : s.value;
        expect(result.summary.check.stats.meanLuma).toBeCloseTo(expected, 9);
        expect(result.summary.check.uniform).toBe(true);
        expect(result.summary.check.black).toBe(s.value === 0);
      }),
      { numRuns: 100 },
    );
  });

  it('never throws anything but its own errors on random, cut or corrupted bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        exrSpec,
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        async (s, cut, flips) => {
          const valid = writeExr(toSpec(s));
          const bytes = new Uint8Array(valid.subarray(0, 4 + (cut % valid.length)));
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          onlyMediaErrors(() => parseExrHeader(bytes));
          const result = await inspectFrame(memorySource(bytes));
          expect(['ok', 'failed']).toContain(result.kind);
        },
      ),
      { numRuns: 300 },
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => onlyMediaErrors(() => parseExrHeader(bytes))));
  });

  it('undoes the ZIP predictor and interleave for any byte string', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (raw) => {
        expect(unpredictAndInterleave(interleaveAndPredict(raw))).toEqual(raw);
      }),
    );
  });

  it('writes exactly representable values as their IEEE 754 binary16 bit patterns', () => {
    const exact = [0, 1, -2, 0.5, 65504, 2 ** -14, 2 ** -24];
    expect(exact.map(floatToHalf)).toEqual([0x0000, 0x3c00, 0xc000, 0x3800, 0x7bff, 0x0400, 0x0001]);
  });
});

describe('DPX properties', () => {
  const dpxSpec = fc.record({
    width: fc.integer({ min: 1, max: 30 }),
    height: fc.integer({ min: 1, max: 30 }),
    descriptor: fc.constantFrom(50, 51, 6) as fc.Arbitrary<50 | 51 | 6>,
    bitDepth: fc.constantFrom(8, 10, 12, 16) as fc.Arbitrary<8 | 10 | 12 | 16>,
    packing: fc.constantFrom(1, 2) as fc.Arbitrary<1 | 2>,
    littleEndian: fc.boolean(),
    level: fc.double({ min: 0, max: 1, noNaN: true }),
  });

  it('parses back the writer fields and decodes a constant frame to its code value', async () => {
    await fc.assert(
      fc.asyncProperty(dpxSpec, async (s) => {
        const max = 2 ** s.bitDepth - 1;
        const code = Math.round(s.level * max);
        const bytes = writeDpx({ ...s, pixel: () => code });
        const header = parseDpxHeader(bytes);
        expect(header).toMatchObject({ pixelsPerLine: s.width, linesPerElement: s.height, fileSize: bytes.length });
        expect(header.byteOrder).toBe(s.littleEndian ? 'little-endian' : 'big-endian');
        expect(header.elements[0]).toMatchObject({ descriptor: s.descriptor, bitDepth: s.bitDepth });
        const result = await inspectFrame(memorySource(bytes));
        if (result.kind !== 'ok' || !result.summary.check.decoded) throw new Error('not decoded');
        // Rec. 709 weights sum to 1, so a grey pixel's luminance is its level.
        expect(result.summary.check.stats.meanLuma).toBeCloseTo(code / max, 9);
        // Black within one 8-bit step, whatever the bit depth.
        expect(result.summary.check.black).toBe(code / max <= 1 / 255);
      }),
      { numRuns: 150 },
    );
  });

  it('never throws anything but its own errors on random, cut or corrupted bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        dpxSpec,
        fc.nat(),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2100 }), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        async (s, cut, flips) => {
          const valid = writeDpx({ ...s, pixel: (x, y) => x + y });
          const bytes = new Uint8Array(valid.subarray(0, 4 + (cut % valid.length)));
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          onlyMediaErrors(() => parseDpxHeader(bytes));
          const result = await inspectFrame(memorySource(bytes));
          expect(['ok', 'failed']).toContain(result.kind);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('sequence properties', () => {
  it('accounts for every frame between first and last as present or missing', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 60 }), (frames) => {
        const [report] = analyseSequences(
          frames.map((f) => ({ key: `s/a.${String(f).padStart(4, '0')}.exr`, status: 'ok' })),
        );
        if (!report || report.firstFrame === null || report.lastFrame === null) throw new Error('no report');
        expect(report.firstFrame).toBe(Math.min(...frames));
        expect(report.lastFrame).toBe(Math.max(...frames));
        const span = (report.lastFrame - report.firstFrame) / report.step + 1;
        expect(frames.length + report.missingCount).toBe(span);
        expect(report.rerenderFrames.every((f) => !frames.includes(f))).toBe(true);
      }),
    );
  });

  it('lists frame ranges that expand back to the frames', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { maxLength: 50 }), (frames) => {
        const expanded = formatFrameList(frames).flatMap((range) => {
          const [a, b = a] = range.split('-').map(Number);
          return Array.from({ length: (b ?? 0) - (a ?? 0) + 1 }, (_, i) => (a ?? 0) + i);
        });
        expect(expanded).toEqual([...frames].sort((x, y) => x - y));
      }),
    );
  });
});
