import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeLas } from '../../samples';
import { analyzeLog, parseLas } from '../../src/domain';

const python = ['python3', '/usr/bin/python3'].find((c) => spawnSync(c, ['-c', 'import lasio']).status === 0);
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'lasio_dump.py');

if (python === undefined) {
  console.warn(
    'lasio cross-check skipped: `python3 -c "import lasio"` fails (python3-lasio is not packaged by Debian bookworm)',
  );
}

describe.skipIf(python === undefined)('independent check with lasio', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.each([false, true])('agrees on curves, units, NULL-excluded counts and ranges (WRAP %s)', async (wrap) => {
    dir ||= await mkdtemp(join(tmpdir(), 'uc08-lasio-'));
    const text = writeLas({
      wellName: 'X-9',
      uwi: 'U',
      start: 10,
      step: 0.5,
      rows: 90,
      wrap,
      nullRows: [1, 50],
      spike: { row: 20, value: 500 },
    });
    const path = join(dir, `x-${wrap}.las`);
    await writeFile(path, text);
    const run = spawnSync(python ?? 'python3', [SCRIPT, path], { encoding: 'utf8' });
    const theirs = JSON.parse(run.stdout) as {
      well: string;
      curves: { mnemonic: string; unit: string; count: number; min: number; max: number }[];
    };
    const log = parseLas(text);
    const mine = analyzeLog(log);
    expect(log.wellName).toBe(theirs.well);
    expect(mine.curves.map((c) => [c.mnemonic, c.unit, c.count, c.min, c.max])).toEqual(
      theirs.curves.map((c) => [c.mnemonic, c.unit, c.count, c.min, c.max]),
    );
  });
});
