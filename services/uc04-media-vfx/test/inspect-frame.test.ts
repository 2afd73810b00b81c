import { describe, expect, it } from 'vitest';
import { writeDpx } from '../samples/dpx';
import { headerAttributes, writeExr } from '../samples/exr';
import { INITIAL_HEADER_BYTES, inspectFrame } from '../src/inspect-frame';
import { luma, memorySource } from './helpers';

const rgbHalf = [
  { name: 'R', pixelType: 'HALF' },
  { name: 'G', pixelType: 'HALF' },
  { name: 'B', pixelType: 'HALF' },
] as const;

const exr = (overrides: Partial<Parameters<typeof writeExr>[0]> = {}) =>
  writeExr({ width: 32, height: 40, channels: [...rgbHalf], compression: 'ZIP', pixel: () => 0.5, ...overrides });

const ok = async (bytes: Uint8Array) => {
  const result = await inspectFrame(memorySource(bytes));
  if (result.kind !== 'ok') throw new Error(`expected ok, got ${result.reason}`);
  return result;
};

describe('inspectFrame on EXR', () => {
  it.each(['NONE', 'ZIPS', 'ZIP'] as const)(
    'decodes a constant %s frame to its Rec. 709 luminance',
    async (compression) => {
      const values: Record<string, number> = { R: 0.25, G: 0.5, B: 1 };
      const { summary } = await ok(exr({ compression, pixel: (_x, _y, c) => values[c] ?? 0 }));
      expect(summary.compression).toBe(compression);
      expect(summary.check).toMatchObject({ decoded: true, black: false, uniform: true, channels: 'R,G,B' });
      if (!summary.check.decoded) return;
      expect(summary.check.stats.meanLuma).toBeCloseTo(luma(0.25, 0.5, 1), 6);
    },
  );

  it('finds a black frame and tells a gradient from a flat one', async () => {
    const black = await ok(exr({ pixel: () => 0 }));
    expect(black.summary.check).toMatchObject({ decoded: true, black: true, uniform: true });
    const ramp = await ok(exr({ compression: 'NONE', pixel: (x) => x / 31 }));
    expect(ramp.summary.check).toMatchObject({ decoded: true, black: false, uniform: false });
    if (ramp.summary.check.decoded) {
      expect(ramp.summary.check.stats.minLuma).toBe(0);
      expect(ramp.summary.check.stats.maxLuma).toBeCloseTo(1, 3);
    }
  });

  it('uses Y for luminance when there is no RGB, and treats NaN samples as neither black nor flat', async () => {
    const y = await ok(exr({ channels: [{ name: 'Y', pixelType: 'FLOAT' }], compression: 'NONE', pixel: () => 0.3 }));
    expect(y.summary.check).toMatchObject({ decoded: true, channels: 'Y' });
    const nan = await ok(
      exr({ channels: [{ name: 'Y', pixelType: 'FLOAT' }], compression: 'NONE', pixel: () => Number.NaN }),
    );
    expect(nan.summary.check).toMatchObject({ decoded: true, black: false, uniform: false });
  });

  it('reads a header longer than the first Range read by growing the read, not by reading the whole file', async () => {
    const big = new Uint8Array(3 * INITIAL_HEADER_BYTES).fill(7);
    const width = 512;
    const height = 400;
    const bytes = exr({
      width,
      height,
      compression: 'NONE',
      extraAttributes: [{ name: 'comments', type: 'string', value: big }],
    });
    const source = memorySource(bytes);
    const result = await inspectFrame(source);
    expect(result.kind).toBe('ok');
    expect(source.reads[0]).toEqual([0, INITIAL_HEADER_BYTES - 1]);
    expect(source.reads[1]?.[0]).toBe(INITIAL_HEADER_BYTES);
    // Header (grown at most to twice what it needs) + offset table + 5 sampled one-line chunks + the last chunk's header.
    const chunk = 8 + width * 3 * 2;
    const headerAndTable = bytes.length - height * chunk;
    expect(result.bytesRead).toBeLessThanOrEqual(2 * headerAndTable + 5 * chunk + 8);
    expect(result.bytesRead).toBeLessThan(bytes.length / 5);
  });

  it('fails a file cut inside its header, inside its offset table and inside its last chunk', async () => {
    const bytes = exr();
    const headerEnd =
      8 +
      headerAttributes({ width: 32, height: 40, channels: [...rgbHalf], compression: 'ZIP', pixel: () => 0 }).reduce(
        (n, a) => n + a.name.length + a.type.length + 2 + 4 + a.value.length,
        1,
      );
    const cuts = [headerEnd - 5, headerEnd + 12, bytes.length - 3];
    for (const cut of cuts) {
      const result = await inspectFrame(memorySource(bytes.subarray(0, cut)));
      expect(result.kind, `cut at ${cut}`).toBe('failed');
      if (result.kind === 'failed') expect(result.reason).toMatch(/truncated/);
    }
  });

  it('fails an incomplete file whose offset table was never written', async () => {
    const bytes = exr({ compression: 'NONE' });
    const headerEnd = bytes.length - 40 * 8 - 40 * (8 + 32 * 6);
    const broken = new Uint8Array(bytes);
    broken.fill(0, headerEnd, headerEnd + 16);
    const result = await inspectFrame(memorySource(broken));
    expect(result).toMatchObject({
      kind: 'failed',
      reason: 'InvalidFrame: incomplete file: 2 of 40 chunk offsets are 0',
    });
  });

  it('fails a chunk whose line number does not match its place in the table', async () => {
    const bytes = new Uint8Array(exr({ compression: 'NONE' }));
    const view = new DataView(bytes.buffer);
    const headerEnd = bytes.length - 40 * 8 - 40 * (8 + 32 * 6);
    const first = Number(view.getBigUint64(headerEnd, true));
    view.setInt32(first, 99, true);
    const result = await inspectFrame(memorySource(bytes));
    expect(result).toMatchObject({
      kind: 'failed',
      reason: expect.stringMatching(/chunk 0 is for line 99, expected 0/),
    });
  });

  it('fails empty files and files of another format with the bytes it found', async () => {
    expect(await inspectFrame(memorySource(new Uint8Array(0)))).toMatchObject({
      kind: 'failed',
      reason: 'MediaParseError: empty file',
    });
    const png = await inspectFrame(memorySource(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10])));
    expect(png).toMatchObject({
      kind: 'failed',
      reason: 'MediaParseError: not OpenEXR or DPX (first bytes 89 50 4e 47)',
    });
  });
});

describe('inspectFrame on DPX', () => {
  it.each([
    { bitDepth: 8, littleEndian: false },
    { bitDepth: 8, littleEndian: true },
    { bitDepth: 10, littleEndian: false, packing: 1 },
    { bitDepth: 10, littleEndian: true, packing: 2 },
    { bitDepth: 12, littleEndian: false, packing: 1 },
    { bitDepth: 16, littleEndian: true },
  ] as const)('decodes constant RGB code values ($bitDepth-bit, little endian: $littleEndian)', async (variant) => {
    const max = 2 ** variant.bitDepth - 1;
    const codes = [Math.round(max * 0.2), Math.round(max * 0.6), Math.round(max * 0.9)];
    const bytes = writeDpx({ width: 7, height: 5, descriptor: 50, ...variant, pixel: (_x, _y, c) => codes[c] ?? 0 });
    const { summary } = await ok(bytes);
    expect(summary).toMatchObject({
      format: 'dpx',
      width: 7,
      height: 5,
      channels: `RGB:${variant.bitDepth}`,
      compression: 'NONE',
    });
    expect(summary.layout).toContain(variant.littleEndian ? 'little-endian' : 'big-endian');
    expect(summary.check).toMatchObject({ decoded: true, uniform: true, black: false });
    if (summary.check.decoded) {
      expect(summary.check.stats.meanLuma).toBeCloseTo(
        luma((codes[0] ?? 0) / max, (codes[1] ?? 0) / max, (codes[2] ?? 0) / max),
        9,
      );
    }
  });

  it('measures black against the reference low code of a log plate', async () => {
    const atRefLow = writeDpx({
      width: 6,
      height: 4,
      descriptor: 50,
      bitDepth: 10,
      refLowData: 95,
      transfer: 1,
      pixel: () => 95,
    });
    expect((await ok(atRefLow)).summary.check).toMatchObject({ decoded: true, black: true });
    const above = writeDpx({
      width: 6,
      height: 4,
      descriptor: 50,
      bitDepth: 10,
      refLowData: 95,
      transfer: 1,
      pixel: () => 140,
    });
    expect((await ok(above)).summary.check).toMatchObject({ decoded: true, black: false, uniform: true });
  });

  it('reports run-length encoded and packed 10-bit data as not decoded, with the reason', async () => {
    const rle = new Uint8Array(writeDpx({ width: 4, height: 4, descriptor: 50, bitDepth: 8, pixel: () => 1 }));
    new DataView(rle.buffer).setUint16(780 + 26, 1, false);
    expect((await ok(rle)).summary.check).toEqual({ decoded: false, reason: 'run-length encoded DPX is not decoded' });
    const packed = new Uint8Array(writeDpx({ width: 6, height: 4, descriptor: 6, bitDepth: 10, pixel: () => 1 }));
    new DataView(packed.buffer).setUint16(780 + 24, 0, false);
    expect((await ok(packed)).summary.check).toMatchObject({
      decoded: false,
      reason: expect.stringMatching(/packing 0/),
    });
  });

  it('fails a file shorter than its header says, and one whose image data runs past the end', async () => {
    const bytes = writeDpx({ width: 16, height: 16, descriptor: 50, bitDepth: 10, pixel: () => 1 });
    expect(await inspectFrame(memorySource(bytes.subarray(0, 1000)))).toMatchObject({
      kind: 'failed',
      reason: expect.stringMatching(/truncated: the header needs 1408 bytes/),
    });
    const lying = new Uint8Array(bytes.subarray(0, bytes.length - 10));
    new DataView(lying.buffer).setUint32(16, lying.length, false);
    expect(await inspectFrame(memorySource(lying))).toMatchObject({
      kind: 'failed',
      reason: expect.stringMatching(/truncated: image data ends at/),
    });
  });
});
