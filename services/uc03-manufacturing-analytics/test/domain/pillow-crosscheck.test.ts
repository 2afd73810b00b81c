import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from '@fsxn/testing';
import { describe, expect, it } from 'vitest';
import { inspectionJpeg, inspectionPng } from '../../samples/images';
import { assessImageQuality, decodeImage, luminanceOf } from '../../src/domain';

/** Debian's python3-pil and python3-numpy install into the system interpreter, which may not be the first python3. */
const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import PIL, numpy']).status === 0);
if (python === undefined) {
  console.warn(
    'Pillow cross-check skipped: `python3 -c "import PIL, numpy"` fails (apt-get install python3-pil python3-numpy)',
  );
}

/** The same metrics from Pillow's decoders (libjpeg, zlib) and numpy, written independently of the TypeScript. */
const SCRIPT = `
import json, sys
import numpy as np
from PIL import Image
out = []
for path in sys.argv[1:]:
    img = Image.open(path)
    rgb = np.asarray(img.convert("RGB"), dtype=np.float64)
    y = 0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2]
    p = np.pad(y, 1, mode="edge")
    lap = p[:-2, 1:-1] + p[2:, 1:-1] + p[1:-1, :-2] + p[1:-1, 2:] - 4 * y
    out.append({"width": img.width, "height": img.height, "mean": float(y.mean()),
                "shadows": float((y <= 5).mean()), "lapvar": float(lap.var())})
print(json.dumps(out))
`;

describe.skipIf(python === undefined)('independent check with Pillow and numpy', () => {
  it('measures the same resolution, exposure and Laplacian variance', async () => {
    const dir = await makeTempDir('uc03-pil-');
    const samples = [
      { name: 'sharp.png', bytes: inspectionPng('sharp', 200, 150), exact: true },
      { name: 'dark.png', bytes: inspectionPng('dark', 200, 150), exact: true },
      { name: 'sharp.jpg', bytes: inspectionJpeg('sharp', 200, 150), exact: false },
      { name: 'smooth.jpg', bytes: inspectionJpeg('smooth', 200, 150), exact: false },
    ];
    for (const s of samples) await writeFile(join(dir, s.name), s.bytes);
    const run = spawnSync(python ?? 'python3', ['-c', SCRIPT, ...samples.map((s) => join(dir, s.name))], {
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const theirs = JSON.parse(run.stdout) as {
      width: number;
      height: number;
      mean: number;
      shadows: number;
      lapvar: number;
    }[];
    samples.forEach((sample, i) => {
      const image = decodeImage(sample.bytes);
      const ours = assessImageQuality({ ...image, luminance: luminanceOf(image.rgba, image.width, image.height) });
      const other = theirs[i];
      expect([ours.width, ours.height], sample.name).toEqual([other?.width, other?.height]);
      if (sample.exact) {
        // Lossless: the same pixels, so the same numbers up to float rounding.
        expect(ours.meanLuminance, sample.name).toBeCloseTo(other?.mean ?? NaN, 9);
        expect(ours.shadowClippedShare, sample.name).toBe(other?.shadows);
        expect(ours.laplacianVariance / (other?.lapvar ?? NaN), sample.name).toBeCloseTo(1, 9);
      } else {
        // JPEG decoders may differ by a level per pixel (IDCT, chroma upsampling): close, not equal.
        expect(Math.abs(ours.meanLuminance - (other?.mean ?? NaN)), sample.name).toBeLessThan(1);
        expect(Math.abs(ours.laplacianVariance / (other?.lapvar ?? NaN) - 1), sample.name).toBeLessThan(0.1);
      }
    });
  });
});
