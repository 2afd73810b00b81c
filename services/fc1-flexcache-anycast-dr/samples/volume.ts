import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SampleSummary } from '@fsxn/local-stack';

/** The object every local probe reads (a small Range GET): present on the origin, so on every cache. */
export const PROBE_KEY = 'probe/health-check.bin';

/** Deterministic bytes, so a probe's read can be compared with the file on disk. */
const bytesOf = (name: string, size: number): Buffer => {
  const out = Buffer.alloc(size);
  let block = createHash('sha256').update(name).digest();
  for (let offset = 0; offset < size; offset += block.length) {
    block.copy(out, offset);
    block = createHash('sha256').update(block).digest();
  }
  return out;
};

const FILES: ReadonlyArray<readonly [string, number]> = [
  [PROBE_KEY, 8192],
  ['assets/textures/rock.bin', 64 * 1024],
  ['assets/models/tree.bin', 24 * 1024],
  ['docs/readme.txt', 512],
];

/** Writes the origin volume's files (the caches show the same files: a FlexCache reads through to its origin). */
export const writeOriginVolume = async (dir: string): Promise<SampleSummary> => {
  let bytes = 0;
  for (const [key, size] of FILES) {
    const file = join(dir, ...key.split('/'));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, bytesOf(key, size));
    bytes += size;
  }
  return { files: FILES.length, bytes, kinds: { probe: 1, data: FILES.length - 1 } };
};
