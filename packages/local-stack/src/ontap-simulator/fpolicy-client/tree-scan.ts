import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { FileFacts, TreeSnapshot } from './change-tracker';

/** Decides whether a volume-relative path (`a/b.txt`; directories end without `/`) is left out of the scan. */
export type PathFilter = (relativePath: string, isDirectory: boolean) => boolean;

const isVanished = (error: unknown): boolean => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

/**
 * Every regular file under `root` with its identity (device, inode and birth time: ext4 reuses a freed inode at
 * once, the birth time tells the new file from the old) and its size/mtime. Symbolic links are not followed.
 * Entries that vanish while the scan runs are skipped; the next scan sees the result.
 */
export const scanTree = async (root: string, ignored: PathFilter): Promise<TreeSnapshot> => {
  const files = new Map<string, FileFacts>();
  const directories: string[] = [''];
  for (let next = directories.pop(); next !== undefined; next = directories.pop()) {
    const entries = await readdir(path.join(root, next), { withFileTypes: true }).catch((error: unknown) => {
      if (isVanished(error)) return [];
      throw error;
    });
    for (const entry of entries) {
      const relative = next === '' ? entry.name : `${next}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!ignored(relative, true)) directories.push(relative);
        continue;
      }
      if (!entry.isFile() || ignored(relative, false)) continue;
      const info = await lstat(path.join(root, relative)).catch((error: unknown) => {
        if (isVanished(error)) return undefined;
        throw error;
      });
      if (info?.isFile() !== true) continue;
      files.set(relative, {
        identity: `${info.dev}:${info.ino}:${info.birthtimeMs}`,
        size: info.size,
        mtimeMs: info.mtimeMs,
      });
    }
  }
  return files;
};

/** Temp names of the S3AP emulator's cross-device staging (`.s3ap-tmp-<hex>`, renamed onto the key). */
export const S3AP_TEMP_NAME = /^\.s3ap-tmp-[0-9a-f]+$/;

export interface IgnoreOptions {
  /** Volume-relative prefixes never reported, e.g. the run outputs prefix `fsxn-output/`. */
  readonly ignorePrefixes?: readonly string[];
  /** Base names never reported; default: the S3AP emulator's temp names. */
  readonly ignoreNames?: readonly RegExp[];
}

export const buildPathFilter = (options: IgnoreOptions): PathFilter => {
  const prefixes = (options.ignorePrefixes ?? []).map((p) => p.replaceAll('\\', '/').replace(/^\/+/, ''));
  const names = options.ignoreNames ?? [S3AP_TEMP_NAME];
  return (relativePath, isDirectory) => {
    const base = relativePath.slice(relativePath.lastIndexOf('/') + 1);
    if (names.some((pattern) => pattern.test(base))) return true;
    const candidate = isDirectory ? `${relativePath}/` : relativePath;
    // S3 prefix semantics on the key; a directory is skipped only when every key under it matches.
    return prefixes.some((prefix) => prefix !== '' && candidate.startsWith(prefix));
  };
};
