import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import { createDuckDbEngine, type DuckDbEngine, type TableDefinition } from '../src';

/** A temp folder standing for the output bucket, removed (with its engines closed) after each test. */
export const useBucketDir = () => {
  const dirs: string[] = [];
  const engines: DuckDbEngine[] = [];
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((e) => e.close()));
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });
  return {
    make: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'fsxn-analytics-'));
      dirs.push(dir);
      return dir;
    },
    engine: (tables: readonly TableDefinition[], rootDir: string) => {
      const engine = createDuckDbEngine({ tables, rootDir });
      engines.push(engine);
      return engine;
    },
  };
};

export const writeNdjson = async (root: string, key: string, rows: readonly object[]) => {
  const path = join(root, key);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
};

export const writeBytes = async (root: string, key: string, bytes: Uint8Array) => {
  const path = join(root, key);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
};
