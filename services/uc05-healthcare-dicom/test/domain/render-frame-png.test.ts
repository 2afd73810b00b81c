import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  crc32,
  downscaleBox,
  encodePng,
  encodePngWithin,
  PNG_SIGNATURE,
  PngEncodeError,
  parseDicom,
  type RasterImage,
  renderFirstFrame,
} from '../../src/domain';
import { buildImageDicom, decodePngFilterNone, monochrome } from './render-frame-fixtures';

/** Second CRC-32 implementation: bit by bit, no table (PNG spec Annex D reflected polynomial). */
const bitwiseCrc32 = (bytes: Uint8Array): number => {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
};

interface Chunk {
  readonly type: string;
  readonly data: Uint8Array;
  readonly storedCrc: number;
  /** CRC over type + data, by the bitwise implementation. */
  readonly computedCrc: number;
}

const chunksOf = (png: Uint8Array): Chunk[] => {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: Chunk[] = [];
  for (let offset = PNG_SIGNATURE.length; offset < png.length; ) {
    const length = view.getUint32(offset);
    chunks.push({
      type: String.fromCharCode(...png.subarray(offset + 4, offset + 8)),
      data: png.subarray(offset + 8, offset + 8 + length),
      storedCrc: view.getUint32(offset + 8 + length),
      computedCrc: bitwiseCrc32(png.subarray(offset + 4, offset + 8 + length)),
    });
    offset += 12 + length;
  }
  return chunks;
};

const image = (width: number, height: number, channels: 1 | 3, fill: (index: number) => number): RasterImage => ({
  width,
  height,
  channels,
  data: Uint8Array.from({ length: width * height * channels }, (_, index) => fill(index) & 0xff),
});

const rasterArb = fc
  .record({ width: fc.integer({ min: 1, max: 24 }), height: fc.integer({ min: 1, max: 24 }), rgb: fc.boolean() })
  .chain(({ width, height, rgb }) => {
    const channels: 1 | 3 = rgb ? 3 : 1;
    const length = width * height * channels;
    return fc
      .uint8Array({ minLength: length, maxLength: length })
      .map((data): RasterImage => ({ width, height, channels, data }));
  });

describe('crc32', () => {
  it('gives the CRC-32 check value for "123456789"', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('agrees with a bitwise implementation and continues across buffers', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (first, second) => {
        const whole = Uint8Array.from([...first, ...second]);
        expect(crc32(whole)).toBe(bitwiseCrc32(whole));
        expect(crc32(second, crc32(first))).toBe(bitwiseCrc32(whole));
      }),
      { numRuns: 200 },
    );
  });
});

describe('encodePng structure', () => {
  const grey = image(5, 3, 1, (index) => index * 17);

  it('writes the signature, then IHDR, IDAT and IEND with correct CRCs', () => {
    const png = encodePng(grey);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const chunks = chunksOf(png);
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    for (const chunk of chunks) expect(chunk.storedCrc).toBe(chunk.computedCrc);
    expect(chunks[2]?.data.length).toBe(0);
  });

  it('declares width, height, bit depth 8, the colour type and no interlace in IHDR', () => {
    const ihdr = (raster: RasterImage): number[] => [...(chunksOf(encodePng(raster))[0]?.data ?? [])];
    // 5, 3 as big-endian 32-bit; depth 8; colour type 0 (grey) / 2 (RGB); compression, filter, interlace 0
    expect(ihdr(grey)).toEqual([0, 0, 0, 5, 0, 0, 0, 3, 8, 0, 0, 0, 0]);
    expect(ihdr(image(300, 2, 3, () => 0))).toEqual([0, 0, 1, 44, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
  });

  it('stores each row behind a filter-type-0 byte in a zlib stream', () => {
    const idat = chunksOf(encodePng(grey))[1]?.data ?? new Uint8Array();
    expect(idat[0]).toBe(0x78); // zlib CMF: deflate, 32 KiB window
    expect(((idat[0] ?? 0) * 256 + (idat[1] ?? 0)) % 31).toBe(0); // FCHECK
    const rows = [...inflateSync(idat)];
    const expected = [0, 0, 17, 34, 51, 68, 0, 85, 102, 119, 136, 153, 0, 170, 187, 204, 221, 238];
    expect(rows).toEqual(expected);
  });

  it('round-trips random images through inflate and un-filtering', () => {
    fc.assert(
      fc.property(rasterArb, (raster) => {
        const decoded = decodePngFilterNone(encodePng(raster));
        expect([decoded.width, decoded.height, decoded.bitDepth, decoded.interlace]).toEqual([
          raster.width,
          raster.height,
          8,
          0,
        ]);
        expect(decoded.colorType).toBe(raster.channels === 3 ? 2 : 0);
        expect(decoded.pixels).toEqual(raster.data);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['a zero width', { width: 0, height: 1, channels: 1, data: new Uint8Array() }],
    ['a fractional height', { width: 1, height: 1.5, channels: 1, data: new Uint8Array(1) }],
    ['too few bytes', { width: 2, height: 2, channels: 3, data: new Uint8Array(11) }],
    ['too many bytes', { width: 2, height: 2, channels: 1, data: new Uint8Array(5) }],
  ] as const)('throws PngEncodeError on %s', (_label, raster) => {
    expect(() => encodePng(raster)).toThrow(PngEncodeError);
  });
});

describe('downscaleBox', () => {
  it('averages factor × factor blocks, edge blocks over the pixels that exist', () => {
    // 3 × 3 grey, factor 2 → 2 × 2:
    //  10 20 30     (10+20+40+50)/4 = 30   (30+60)/2 = 45
    //  40 50 60     (70+80)/2 = 75         90
    //  70 80 90
    const scaled = downscaleBox(
      { width: 3, height: 3, channels: 1, data: Uint8Array.of(10, 20, 30, 40, 50, 60, 70, 80, 90) },
      2,
    );
    expect([scaled.width, scaled.height, ...scaled.data]).toEqual([2, 2, 30, 45, 75, 90]);
  });

  it('averages each RGB channel separately and rounds half up', () => {
    // 2 × 1 RGB, factor 2: (0+1)/2 = 0.5 → 1, (10+20)/2 = 15, (255+0)/2 = 127.5 → 128
    const scaled = downscaleBox({ width: 2, height: 1, channels: 3, data: Uint8Array.of(0, 10, 255, 1, 20, 0) }, 2);
    expect([scaled.width, scaled.height, ...scaled.data]).toEqual([1, 1, 1, 15, 128]);
  });

  it('returns the image unchanged at factor 1 and rejects a non-integer factor', () => {
    const raster = image(3, 2, 1, (index) => index);
    expect(downscaleBox(raster, 1)).toBe(raster);
    expect(() => downscaleBox(raster, 1.5)).toThrow(PngEncodeError);
  });
});

describe('encodePngWithin', () => {
  it('returns the full-size PNG when it fits and the box-downscaled one when it does not', () => {
    fc.assert(
      fc.property(rasterArb, fc.integer({ min: 70, max: 2000 }), (raster, maxBytes) => {
        const fitted = encodePngWithin(raster, maxBytes);
        if (fitted === null) {
          // Only when even 1 × 1 does not fit.
          expect(encodePng(downscaleBox(raster, Math.max(raster.width, raster.height))).length).toBeGreaterThan(
            maxBytes,
          );
          return;
        }
        expect(fitted.png.length).toBeLessThanOrEqual(maxBytes);
        expect(decodePngFilterNone(fitted.png).pixels).toEqual(downscaleBox(raster, fitted.scale).data);
        expect([fitted.width, fitted.height]).toEqual([
          Math.ceil(raster.width / fitted.scale),
          Math.ceil(raster.height / fitted.scale),
        ]);
        if (fitted.scale > 1) expect(encodePng(raster).length).toBeGreaterThan(maxBytes);
      }),
      { numRuns: 150 },
    );
  });
});

/** Debian's python3-pil installs into the system interpreter, which may not be the first python3. */
const pythonWithPil = ['python3', '/usr/bin/python3'].find(
  (candidate) => spawnSync(candidate, ['-c', 'import PIL.Image']).status === 0,
);
if (pythonWithPil === undefined) {
  console.warn(
    'PNG cross-check with Pillow skipped: `python3 -c "import PIL.Image"` fails (apt-get install python3-pil)',
  );
}

/** Opens each file twice: `verify()` checks every chunk CRC, a fresh `load()` decodes the pixels. */
const PIL_SCRIPT = `
import json, sys
from PIL import Image
out = {}
for path in sys.argv[1:]:
    with Image.open(path) as im:
        im.verify()
    with Image.open(path) as im:
        im.load()
        out[path] = {"format": im.format, "mode": im.mode, "size": list(im.size), "hex": im.tobytes().hex()}
print(json.dumps(out))
`;

interface PilView {
  readonly format: string;
  readonly mode: string;
  readonly size: [number, number];
  readonly hex: string;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe.skipIf(pythonWithPil === undefined)('independent decode with Pillow', () => {
  const interpreter = pythonWithPil ?? 'python3';
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'uc05-png-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const decodeAll = async (pngs: readonly Uint8Array[]): Promise<PilView[]> => {
    const paths = await Promise.all(
      pngs.map(async (png, index) => {
        const path = join(dir, `image-${index}.png`);
        await writeFile(path, png);
        return path;
      }),
    );
    const views: Record<string, PilView> = JSON.parse(
      execFileSync(interpreter, ['-c', PIL_SCRIPT, ...paths], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
    );
    return paths.map((path) => {
      const view = views[path];
      if (view === undefined) throw new Error(`Pillow returned nothing for ${path}`);
      return view;
    });
  };

  it('decodes encoder output to exactly the same pixels (grey and RGB, odd and large sizes)', async () => {
    const rasters = [
      image(1, 1, 1, () => 200),
      image(1, 1, 3, (index) => 60 * index),
      image(7, 5, 1, (index) => index * 7),
      image(5, 7, 3, (index) => index * 11),
      image(513, 3, 1, (index) => (index * 2654435761) >>> 24),
      image(100, 80, 3, (index) => index ^ (index >>> 8)),
      ...fc.sample(rasterArb, { numRuns: 30, seed: 42 }),
    ];
    const views = await decodeAll(rasters.map((raster) => encodePng(raster)));
    rasters.forEach((raster, index) => {
      expect(views[index]).toEqual({
        format: 'PNG',
        mode: raster.channels === 3 ? 'RGB' : 'L',
        size: [raster.width, raster.height],
        hex: hex(raster.data),
      });
    });
  });

  it('decodes a rendered MONOCHROME1 frame to the hand-computed grey levels', async () => {
    const dicom = buildImageDicom(
      monochrome({
        photometric: 'MONOCHROME1',
        rows: 2,
        columns: 3,
        bitsAllocated: 8,
        pixelBytes: Uint8Array.of(10, 20, 30, 40, 50, 110),
      }),
    );
    const result = renderFirstFrame(parseDicom(dicom));
    if (result.kind !== 'rendered') throw new Error(result.reason);
    const [view] = await decodeAll([result.png]);
    // See render-frame.test.ts: (v − 10)·255/100 rounded, then inverted.
    expect(view).toEqual({
      format: 'PNG',
      mode: 'L',
      size: [3, 2],
      hex: hex(Uint8Array.of(255, 229, 204, 178, 153, 0)),
    });
  });
});
