import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from '@fsxn/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateLayoutSamples } from '../../samples/layouts';
import { type GdsLibrarySummary, parseGdsBytes } from '../../src/domain';

const script = join(dirname(fileURLToPath(import.meta.url)), 'gdspy_dump.py');
/** Debian's python3-gdspy installs into the system interpreter, which may not be the first python3. */
const python = ['python3', '/usr/bin/python3'].find(
  (candidate) => spawnSync(candidate, ['-c', 'import gdspy']).status === 0,
);
if (!python)
  console.warn('gdspy cross-check skipped: `python3 -c "import gdspy"` fails (apt-get install python3-gdspy)');

interface GdspyCell {
  bbox: [number, number, number, number] | null;
  polygons: number;
  paths: number;
  labels: number;
  srefs: number;
  arefs: number;
}
interface GdspyLibrary {
  name: string;
  cells: Record<string, GdspyCell>;
  top: string[];
}

/** Placements at multiples of 90° have exact boxes; others are the documented four-corner bound. */
const manhattan = (key: string) => !key.includes('rotated');

describe.skipIf(!python)('GDSII walk against gdspy on the generated libraries', () => {
  let dir = '';
  let keys: string[] = [];
  beforeAll(async () => {
    dir = await makeTempDir('uc06-gdspy-');
    keys = (await generateLayoutSamples(dir)).valid.filter((k) => /\.gds2?$/.test(k));
  });

  it('agrees on library name, cell names, top cells, element counts and every cell box', async () => {
    expect(keys.length).toBeGreaterThanOrEqual(9);
    for (const key of keys) {
      const ours: GdsLibrarySummary = await parseGdsBytes(await readFile(join(dir, key)), 4096);
      const run = spawnSync(python ?? 'python3', [script, join(dir, key)], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const theirs = JSON.parse(run.stdout) as GdspyLibrary;
      expect(ours.libraryName).toBe(theirs.name);
      expect(ours.structures.map((s) => s.name).sort()).toEqual(Object.keys(theirs.cells).sort());
      expect([...ours.topCells].sort()).toEqual(theirs.top);
      for (const s of ours.structures) {
        const cell = theirs.cells[s.name] as GdspyCell;
        // gdspy reads BOX and NODE records as nothing, TEXT as labels.
        expect([s.elements.boundary, s.elements.path, s.elements.text, s.elements.sref, s.elements.aref]).toEqual([
          cell.polygons,
          cell.paths,
          cell.labels,
          cell.srefs,
          cell.arefs,
        ]);
        const box = s.bboxUser;
        if (cell.bbox === null || box === null) {
          expect(box).toBe(cell.bbox);
          continue;
        }
        const [minX, minY, maxX, maxY] = cell.bbox;
        if (manhattan(key)) {
          expect(box.minX).toBeCloseTo(minX, 9);
          expect(box.minY).toBeCloseTo(minY, 9);
          expect(box.maxX).toBeCloseTo(maxX, 9);
          expect(box.maxY).toBeCloseTo(maxY, 9);
        } else {
          expect(box.minX).toBeLessThanOrEqual(minX + 1e-9);
          expect(box.minY).toBeLessThanOrEqual(minY + 1e-9);
          expect(box.maxX).toBeGreaterThanOrEqual(maxX - 1e-9);
          expect(box.maxY).toBeGreaterThanOrEqual(maxY - 1e-9);
        }
      }
    }
  });
});
