import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CHECKSUM_LIST_NAME, formatChecksumList } from '../src/domain/checksum-list';

/** Deterministic pseudo-random bytes (xorshift32), so sample files and their sums are the same on every run. */
const bytesOf = (seed: number, length: number): Buffer => {
  const out = Buffer.alloc(length);
  let x = seed | 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
};

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface RenderJobFiles {
  /** Volume-relative directory of the job (`jobs/<jobId>/`). */
  readonly prefix: string;
  /** Files that match their SHA256SUMS entry. */
  readonly good: readonly { key: string; size: number; sha256: string }[];
  /** Keys whose content differs from the list (one flipped byte, one truncated). */
  readonly corrupt: string;
  readonly truncated: string;
  /** Listed in SHA256SUMS but not written. */
  readonly missing: string;
  readonly bytes: number;
}

/**
 * Writes a render job into a volume directory: scene and texture files with a SHA256SUMS list, one file
 * whose byte was flipped after the list was made, one cut short, and one listed but absent.
 */
export const writeRenderJob = async (
  volumeDir: string,
  jobId: string,
  options: { frames?: number; frameBytes?: number } = {},
): Promise<RenderJobFiles> => {
  const prefix = `jobs/${jobId}/`;
  const frames = options.frames ?? 6;
  const frameBytes = options.frameBytes ?? 64 * 1024;
  const files: { name: string; bytes: Buffer }[] = [
    { name: 'scene/shot010.usda', bytes: Buffer.from(`#usda 1.0\n(\n  defaultPrim = "shot010"\n)\n`) },
    { name: 'textures/wall_albedo.tx', bytes: bytesOf(7, 48 * 1024) },
    { name: 'textures/wall_normal.tx', bytes: bytesOf(11, 40 * 1024) },
  ];
  for (let f = 1; f <= frames; f++) {
    files.push({ name: `cache/shot010.${String(f).padStart(4, '0')}.bgeo`, bytes: bytesOf(100 + f, frameBytes) });
  }
  const corrupt = { name: 'textures/floor_rough.tx', bytes: bytesOf(13, 32 * 1024) };
  const truncated = { name: 'cache/shot010.sim.bgeo', bytes: bytesOf(17, 24 * 1024) };
  const missing = { name: 'textures/sky_hdri.tx', bytes: bytesOf(19, 4 * 1024) };
  const listed = [...files, corrupt, truncated, missing];
  const sums = formatChecksumList(listed.map((f) => [f.name, sha256(f.bytes)] as const));

  const write = async (name: string, bytes: Uint8Array) => {
    const path = join(volumeDir, prefix, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  };
  for (const file of files) await write(file.name, file.bytes);
  const flipped = Buffer.from(corrupt.bytes);
  flipped[100] = (flipped[100] ?? 0) ^ 0xff;
  await write(corrupt.name, flipped);
  const cut = truncated.bytes.subarray(0, truncated.bytes.length - 1000);
  await write(truncated.name, cut);
  await write(CHECKSUM_LIST_NAME, Buffer.from(sums));
  return {
    prefix,
    good: files.map((f) => ({ key: `${prefix}${f.name}`, size: f.bytes.length, sha256: sha256(f.bytes) })),
    corrupt: `${prefix}${corrupt.name}`,
    truncated: `${prefix}${truncated.name}`,
    missing: `${prefix}${missing.name}`,
    bytes: files.reduce((n, f) => n + f.bytes.length, 0) + flipped.length + cut.length + sums.length,
  };
};
