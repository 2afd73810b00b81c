import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A fresh directory under the OS temp dir, removed after the current test file (vitest `afterAll`). */
export const makeTempDir = async (prefix = 'fsxn-test-'): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return dir;
};

/** Runs `fn` with a fresh temp directory and removes it afterwards, whatever `fn` does. */
export const withTempDir = async <T>(fn: (dir: string) => Promise<T>, prefix = 'fsxn-test-'): Promise<T> => {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
