import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeSegy } from '../../samples';
import {
  DEFAULT_INSPECT_OPTIONS,
  inspectSegy,
  parseBinaryHeader,
  readBudgetOf,
  SeismicError,
  sampleFormatOf,
  sampleTraceIndices,
} from '../../src/domain';
import { memoryReader } from './helpers';

const small = {
  revision: 1,
  endianness: 'big',
  formatCode: 1,
  text: 'ascii',
  inlines: 3,
  crosslines: 4,
  samples: 50,
  sampleInterval: 2000,
} as const;

describe('SEG-Y inspection', () => {
  it('reads a rev 2 little-endian file by its byte-order constant and a rev 1 file by its format code', async () => {
    const le = await inspectSegy(
      memoryReader(writeSegy({ ...small, revision: 2, endianness: 'little', formatCode: 5 })),
    );
    expect(le.binaryHeader).toMatchObject({
      endianness: 'little',
      endiannessFrom: 'byte-order-constant',
      formatCode: 5,
      revision: { major: 2, minor: 0 },
    });
    const be = await inspectSegy(memoryReader(writeSegy(small)));
    expect(be.binaryHeader).toMatchObject({
      endianness: 'big',
      endiannessFrom: 'format-code',
      formatName: 'IBM float32',
      fixedLengthTraces: true,
    });
  });

  it('counts traces as (size − 3600 − 3200·ext) / (240 + samples·bytes) and flags a remainder', async () => {
    const bytes = writeSegy({ ...small, formatCode: 3, extendedTextHeaders: 2 });
    // 3 × 4 traces of 240 + 50 × 2 bytes after 3600 + 2 × 3200 header bytes, checked by hand: 12 × 340 = 4080.
    expect(bytes.length).toBe(3600 + 6400 + 4080);
    const exact = await inspectSegy(memoryReader(bytes));
    expect(exact.layout).toMatchObject({ dataStart: 10000, traceBytes: 340, traceCount: 12, traceCountExact: true });
    const longer = new Uint8Array(bytes.length + 339);
    longer.set(bytes);
    const mismatch = await inspectSegy(memoryReader(longer));
    expect(mismatch.layout).toMatchObject({ traceCount: 12, trailingBytes: 339, traceCountExact: false });
    expect(mismatch.issues[0]).toMatch(/339 bytes after 12 complete traces/);
  });

  it('applies the coordinate scalar and reads inline/crossline from the sampled trace headers', async () => {
    const result = await inspectSegy(memoryReader(writeSegy(small)), { sampledTraces: 2, maxSamplesPerTrace: 10 });
    const last = result.sampledTraces.at(-1);
    // Trace 12 is inline 3, crossline 4: CDP X = 500000 + 4 × 12.5, written in cm with scalar -100.
    expect(last).toMatchObject({
      index: 11,
      header: { inline: 3, crossline: 4, cdpX: 500050, cdpY: 6700037.5, coordinateScalar: -100 },
    });
  });

  it('computes amplitude statistics over the samples read', async () => {
    const result = await inspectSegy(memoryReader(writeSegy({ ...small, formatCode: 2, inlines: 1, crosslines: 1 })), {
      sampledTraces: 1,
      maxSamplesPerTrace: 50,
    });
    const values = Array.from({ length: 50 }, (_, s) => {
      const envelope = Math.exp(-s / (50 / 3));
      return Math.round(Math.round(1000 * envelope * Math.sin((2 * Math.PI * s) / 25)) / 8);
    });
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(result.amplitudes).toMatchObject({ samples: 50, min: Math.min(...values), max: Math.max(...values) });
    expect(result.amplitudes.mean).toBeCloseTo(mean, 12);
    expect(result.amplitudes.rms).toBeCloseTo(Math.sqrt(values.reduce((a, v) => a + v * v, 0) / 50), 12);
  });

  it('reads a bounded number of bytes however large the file claims to be', async () => {
    const header = writeSegy({ ...small, samples: 4000, inlines: 1, crosslines: 1 }).slice(0, 3600 + 240 + 16000);
    const reads: [number, number][] = [];
    const huge = {
      size: 50 * 1024 ** 3,
      read: async (start: number, end: number) => {
        reads.push([start, end]);
        return start < header.length ? header.slice(start, end) : new Uint8Array(end - start);
      },
    };
    const result = await inspectSegy(huge, DEFAULT_INSPECT_OPTIONS);
    expect(result.layout.traceCount).toBeGreaterThan(3_000_000);
    const format = sampleFormatOf(1);
    expect(format).toBeDefined();
    const budget = readBudgetOf(format ?? { bytes: 4 }, DEFAULT_INSPECT_OPTIONS);
    expect(result.bytesRead).toBeLessThanOrEqual(budget);
    expect(reads.reduce((n, [s, e]) => n + (e - s), 0)).toBe(result.bytesRead);
    expect(budget).toBe(3600 + 8 * (240 + 2048 * 4));
  });

  it('spreads sampled traces from the first to the last', () => {
    expect(sampleTraceIndices(100, 5)).toEqual([0, 25, 50, 74, 99]);
    expect(sampleTraceIndices(3, 8)).toEqual([0, 1, 2]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e7 }), fc.integer({ min: 2, max: 64 }), (count, n) => {
        const picked = sampleTraceIndices(count, n);
        return (
          picked.length === Math.min(count, n) &&
          picked[0] === 0 &&
          picked.at(-1) === count - 1 &&
          picked.every((v, i) => i === 0 || v > (picked[i - 1] ?? -1))
        );
      }),
    );
  });

  it('refuses a file shorter than its headers and an unknown format code with a SegyFormatError', async () => {
    await expect(inspectSegy(memoryReader(new Uint8Array(3599)))).rejects.toThrow(/truncated: 3599 bytes/);
    const bad = writeSegy(small);
    new DataView(bad.buffer).setInt16(3224, 99);
    await expect(inspectSegy(memoryReader(bad))).rejects.toThrow(/unknown data sample format code/);
    expect(() => parseBinaryHeader(new Uint8Array(10))).toThrow(SeismicError);
  });

  it('throws nothing but SeismicError on arbitrary, truncated or bit-flipped input', async () => {
    const valid = writeSegy(small);
    const inputs = fc.oneof(
      fc.uint8Array({ minLength: 0, maxLength: 8000 }),
      fc.integer({ min: 0, max: valid.length }).map((n) => valid.slice(0, n)),
      fc
        .array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 7 })), {
          minLength: 1,
          maxLength: 20,
        })
        .map((flips) => {
          const copy = valid.slice();
          for (const [at, bit] of flips) copy[at] = (copy[at] ?? 0) ^ (1 << bit);
          return copy;
        }),
    );
    await fc.assert(
      fc.asyncProperty(inputs, async (bytes) => {
        try {
          const result = await inspectSegy(memoryReader(bytes), { sampledTraces: 4, maxSamplesPerTrace: 64 });
          return result.bytesRead <= 3600 + 4 * (240 + 64 * 8);
        } catch (error) {
          return error instanceof SeismicError;
        }
      }),
    );
  });
});
