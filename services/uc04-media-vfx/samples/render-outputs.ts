import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeDpx } from './dpx';
import { type ExrSpec, writeExr } from './exr';

/**
 * A render-output volume with known problems, for `fsxn demo`, the end-to-end tests and the bench:
 * EXR (ZIP HALF, uncompressed FLOAT) and DPX (10-bit big endian, 8-bit little endian) sequences with a
 * gap, a black frame, a flat grey frame, identical content, a duplicate frame number and a resolution
 * change, plus a truncated EXR, a truncated DPX, a wrong-magic .exr and a text file that is not in scope.
 */
export interface RenderOutputs {
  files: string[];
  totalBytes: number;
  /** Keys that must end FAILED, with the word their reason contains. */
  bad: Record<string, string>;
  kinds: Record<string, number>;
}

const gradient = (seed: number) => (x: number, y: number, c: string | number) =>
  ((x * 3 + y * 5 + seed * 7 + (typeof c === 'number' ? c : c.charCodeAt(0)) * 11) % 97) / 96;

const rgbaHalf: ExrSpec['channels'] = [
  { name: 'A', pixelType: 'HALF' },
  { name: 'B', pixelType: 'HALF' },
  { name: 'G', pixelType: 'HALF' },
  { name: 'R', pixelType: 'HALF' },
];
const rgbFloat: ExrSpec['channels'] = [
  { name: 'B', pixelType: 'FLOAT' },
  { name: 'G', pixelType: 'FLOAT' },
  { name: 'R', pixelType: 'FLOAT' },
];

const comp = (seed: number, overrides: Partial<ExrSpec> = {}): Uint8Array =>
  writeExr({ width: 64, height: 36, channels: rgbaHalf, compression: 'ZIP', pixel: gradient(seed), ...overrides });

const plate10 = (seed: number) =>
  writeDpx({
    width: 48,
    height: 27,
    descriptor: 50,
    bitDepth: 10,
    transfer: 1,
    refLowData: 95,
    pixel: (x, y, c) => 95 + Math.round(gradient(seed)(x, y, c) * 800),
  });

const matte8 = (seed: number, value?: number) =>
  writeDpx({
    width: 40,
    height: 20,
    descriptor: 6,
    bitDepth: 8,
    littleEndian: true,
    pixel: (x, y, c) => value ?? Math.round(gradient(seed)(x, y, c) * 255),
  });

export const generateRenderOutputs = async (dir: string): Promise<RenderOutputs> => {
  const shot10 = 'renders/sh010/comp/sh010_comp_v003';
  const files: Record<string, Uint8Array> = {
    // sh010 comp (ZIP, HALF RGBA): 1004 missing, 1005 black, 1006 identical to 1003.
    [`${shot10}.1001.exr`]: comp(1),
    [`${shot10}.1002.exr`]: comp(2),
    [`${shot10}.1003.exr`]: comp(3),
    [`${shot10}.1005.exr`]: comp(5, { pixel: () => 0 }),
    [`${shot10}.1006.exr`]: comp(3),
    // sh020 lighting (uncompressed FLOAT RGB): frame 3 is rendered at another resolution; frame 4 flat grey.
    'renders/sh020/lighting/sh020_beauty_v001.0001.exr': comp(11, { compression: 'NONE', channels: rgbFloat }),
    'renders/sh020/lighting/sh020_beauty_v001.0002.exr': comp(12, { compression: 'NONE', channels: rgbFloat }),
    'renders/sh020/lighting/sh020_beauty_v001.0003.exr': comp(13, {
      compression: 'NONE',
      channels: rgbFloat,
      width: 32,
      height: 18,
    }),
    'renders/sh020/lighting/sh020_beauty_v001.0004.exr': comp(14, {
      compression: 'NONE',
      channels: rgbFloat,
      pixel: () => 0.18,
    }),
    // sh030 plate (10-bit RGB, method A, big endian): frame 1002 written twice (`1002` and `01002`).
    'plates/sh030/sh030_plate_1001.dpx': plate10(1),
    'plates/sh030/sh030_plate_1002.dpx': plate10(2),
    'plates/sh030/sh030_plate_01002.dpx': plate10(22),
    'plates/sh030/sh030_plate_1003.dpx': plate10(3),
    // sh040 matte (8-bit luma, little endian): frame 2 black.
    'mattes/sh040/sh040_matte.0001.dpx': matte8(1),
    'mattes/sh040/sh040_matte.0002.dpx': matte8(2, 0),
    'mattes/sh040/sh040_matte.0003.dpx': matte8(3),
  };
  const truncatedExr = comp(9);
  const truncatedDpx = plate10(9);
  const bad: Record<string, Uint8Array> = {
    'incoming/truncated.0001.exr': truncatedExr.subarray(0, Math.floor(truncatedExr.length * 0.6)),
    'incoming/truncated_0001.dpx': truncatedDpx.subarray(0, 3000),
    'incoming/not-really.exr': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  };
  const all = { ...files, ...bad, 'renders/notes.txt': Buffer.from('not a render output\n') };
  let totalBytes = 0;
  for (const [key, bytes] of Object.entries(all)) {
    await mkdir(dirname(join(dir, key)), { recursive: true });
    await writeFile(join(dir, key), bytes);
    totalBytes += bytes.length;
  }
  return {
    files: [...Object.keys(files), ...Object.keys(bad)],
    totalBytes,
    bad: {
      'incoming/truncated.0001.exr': 'truncated',
      'incoming/truncated_0001.dpx': 'truncated',
      'incoming/not-really.exr': 'not OpenEXR or DPX',
    },
    kinds: { exr: 9, dpx: 7, truncated: 2, wrongMagic: 1 },
  };
};
