import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDpx } from '../samples/dpx';
import { type ExrSpec, writeExr } from '../samples/exr';
import { parseDpxHeader, parseExrHeader } from '../src/domain';
import { inspectFrame } from '../src/inspect-frame';
import { luma, memorySource } from './helpers';

/**
 * Independent readers of the same files: `exrheader` (Debian `openexr`, the OpenEXR library's own tool) for
 * EXR headers, ImageMagick `identify` (Debian `imagemagick`, built with OpenEXR and DPX coders) for DPX
 * headers and for pixel values of both formats.
 */
const has = (tool: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const hasExrheader = has('exrheader');
const hasIdentify =
  has('identify') &&
  (() => {
    try {
      return /EXR/.test(execFileSync('identify', ['-list', 'format'], { encoding: 'utf8' }));
    } catch {
      return false;
    }
  })();
if (!hasExrheader)
  console.warn('exrheader not found: install the Debian package "openexr" to run the EXR header cross-check');
if (!hasIdentify)
  console.warn('ImageMagick identify (with EXR support) not found: install the Debian package "imagemagick"');

const dir = mkdtempSync(join(tmpdir(), 'uc04-crosscheck-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const save = (bytes: Uint8Array, ext: string) => {
  const path = join(dir, `f${n++}.${ext}`);
  writeFileSync(path, bytes);
  return path;
};

const specs: ExrSpec[] = [
  {
    width: 33,
    height: 21,
    channels: [
      { name: 'R', pixelType: 'HALF' },
      { name: 'G', pixelType: 'HALF' },
      { name: 'B', pixelType: 'HALF' },
      { name: 'A', pixelType: 'HALF' },
    ],
    compression: 'ZIP',
    pixel: (x, y) => (x + y) / 64,
  },
  {
    width: 17,
    height: 40,
    x0: -3,
    y0: 7,
    displayWindow: { xMin: 0, yMin: 0, xMax: 19, yMax: 49 },
    channels: [
      { name: 'Y', pixelType: 'FLOAT' },
      { name: 'id', pixelType: 'UINT' },
    ],
    compression: 'NONE',
    lineOrder: 1,
    pixelAspectRatio: 1.5,
    pixel: () => 0.25,
  },
  {
    width: 64,
    height: 3,
    channels: [
      { name: 'R', pixelType: 'FLOAT' },
      { name: 'G', pixelType: 'FLOAT' },
      { name: 'B', pixelType: 'FLOAT' },
    ],
    compression: 'ZIPS',
    pixel: (x) => x / 128,
  },
];

const COMPRESSION_TEXT: Record<string, string> = {
  NONE: 'none',
  ZIPS: 'zip, individual scanlines',
  ZIP: 'zip, multi-scanline blocks',
};
const TYPE_TEXT: Record<string, string> = {
  HALF: '16-bit floating-point',
  FLOAT: '32-bit floating-point',
  UINT: '32-bit unsigned integer',
};

describe.skipIf(!hasExrheader)('EXR headers against exrheader (OpenEXR)', () => {
  it.each(specs.map((s, i) => [i, s] as const))('agrees on file %i', (_i, spec) => {
    const bytes = writeExr(spec);
    const text = execFileSync('exrheader', [save(bytes, 'exr')], { encoding: 'utf8' });
    const part = parseExrHeader(bytes).parts[0];
    if (!part) throw new Error('no part');
    for (const c of part.channels) {
      expect(text).toContain(`    ${c.name}, ${TYPE_TEXT[c.pixelType]}, sampling ${c.xSampling} ${c.ySampling}`);
    }
    expect(text).toContain(`compression (type compression): ${COMPRESSION_TEXT[part.compression]}`);
    const box = (b: typeof part.dataWindow) => `(${b.xMin} ${b.yMin}) - (${b.xMax} ${b.yMax})`;
    expect(text).toContain(`dataWindow (type box2i): ${box(part.dataWindow)}`);
    expect(text).toContain(`displayWindow (type box2i): ${box(part.displayWindow)}`);
    expect(text).toContain(
      `lineOrder (type lineOrder): ${part.lineOrder === 'INCREASING_Y' ? 'increasing y' : 'decreasing y'}`,
    );
    expect(text).toContain(`pixelAspectRatio (type float): ${part.pixelAspectRatio}`);
  });
});

/** ImageMagick's per-channel minimum, maximum and mean (0..1) of the first three channels. */
const imageStats = (path: string) =>
  execFileSync(
    'identify',
    ['-format', '%[fx:minima.r] %[fx:maxima.r] %[fx:mean.r] %[fx:mean.g] %[fx:mean.b] %w %h %z', path],
    {
      encoding: 'utf8',
    },
  )
    .trim()
    .split(' ')
    .map(Number);

describe.skipIf(!hasIdentify)('pixels and DPX headers against ImageMagick', () => {
  it.each(['NONE', 'ZIPS', 'ZIP'] as const)('decodes the same constant colour from a %s EXR', async (compression) => {
    const rgb: Record<string, number> = { R: 0.125, G: 0.5, B: 0.75 };
    const bytes = writeExr({
      width: 40,
      height: 37,
      channels: ['R', 'G', 'B'].map((name) => ({ name, pixelType: 'HALF' as const })),
      compression,
      pixel: (_x, _y, c) => rgb[c] ?? 0,
    });
    const [, , r = 0, g = 0, b = 0] = imageStats(save(bytes, 'exr'));
    const result = await inspectFrame(memorySource(bytes));
    if (result.kind !== 'ok' || !result.summary.check.decoded) throw new Error('not decoded');
    expect(result.summary.check.stats.meanLuma).toBeCloseTo(luma(r, g, b), 3);
  });

  it('agrees on the black frame and on the range of a gradient EXR', async () => {
    const black = writeExr({
      width: 20,
      height: 20,
      channels: [{ name: 'Y', pixelType: 'HALF' }],
      compression: 'ZIP',
      pixel: () => 0,
    });
    const [, maxBlack] = imageStats(save(black, 'exr'));
    const blackResult = await inspectFrame(memorySource(black));
    expect(maxBlack).toBe(0);
    expect(blackResult.kind === 'ok' && blackResult.summary.check.decoded && blackResult.summary.check.black).toBe(
      true,
    );

    const ramp = writeExr({
      width: 50,
      height: 9,
      channels: [{ name: 'Y', pixelType: 'FLOAT' }],
      compression: 'NONE',
      pixel: (x) => x / 49,
    });
    const [min = -1, max = -1] = imageStats(save(ramp, 'exr'));
    const rampResult = await inspectFrame(memorySource(ramp));
    if (rampResult.kind !== 'ok' || !rampResult.summary.check.decoded) throw new Error('not decoded');
    expect(rampResult.summary.check.stats.minLuma).toBeCloseTo(min, 4);
    expect(rampResult.summary.check.stats.maxLuma).toBeCloseTo(max, 4);
  });

  it.each([
    { bitDepth: 8, littleEndian: true },
    { bitDepth: 10, littleEndian: false },
    { bitDepth: 12, littleEndian: false },
    { bitDepth: 16, littleEndian: false },
  ] as const)('reads the same size, depth and colour from a $bitDepth-bit DPX', async (variant) => {
    const max = 2 ** variant.bitDepth - 1;
    const codes = [Math.round(max * 0.1), Math.round(max * 0.55), Math.round(max * 0.8)];
    const bytes = writeDpx({ width: 23, height: 11, descriptor: 50, ...variant, pixel: (_x, _y, c) => codes[c] ?? 0 });
    const [, , r = 0, g = 0, b = 0, w, h, depth] = imageStats(save(bytes, 'dpx'));
    const header = parseDpxHeader(bytes);
    expect([header.pixelsPerLine, header.linesPerElement, header.elements[0]?.bitDepth]).toEqual([w, h, depth]);
    const result = await inspectFrame(memorySource(bytes));
    if (result.kind !== 'ok' || !result.summary.check.decoded) throw new Error('not decoded');
    expect(result.summary.check.stats.meanLuma).toBeCloseTo(luma(r, g, b), 4);
  });
});
