import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isInside } from './object-paths';

/** One object as a listing sees it: a regular file, or an empty directory shown as a `dir/` marker. */
export interface ListedObject {
  readonly key: string;
  readonly absolutePath: string;
  readonly size: number;
  readonly mtime: Date;
  readonly ino: number;
  readonly directoryMarker: boolean;
}

/** S3 orders keys by their UTF-8 bytes, which differs from JS string order above U+D7FF. */
export const compareKeys = (a: string, b: string): number =>
  Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** Files the emulator itself may briefly create inside a volume (cross-device atomic writes); never listed. */
export const isEmulatorTempName = (name: string): boolean => name.startsWith('.s3ap-tmp-');

const couldContain = (dirKey: string, prefix: string): boolean =>
  prefix.startsWith(dirKey) || dirKey.startsWith(prefix);

/**
 * Every object under `prefix` in S3 key order. Directories whose path cannot match the prefix are not read.
 * Symlinks count only when they resolve inside the root; symlinked directories are not followed (no cycles).
 */
export const walkObjects = async (rootReal: string, prefix: string): Promise<ListedObject[]> => {
  const found: ListedObject[] = [];
  const visit = async (dir: string, dirKey: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // vanished or unreadable: the file-system identity cannot see it
    }
    const visible = entries.filter((e) => !isEmulatorTempName(e.name));
    if (visible.length === 0 && dirKey !== '' && dirKey.startsWith(prefix)) {
      const info = await stat(dir).catch(() => undefined);
      if (info) found.push(entry(dirKey, dir, 0, info.mtime, info.ino, true));
      return;
    }
    for (const e of visible) {
      const absolute = path.join(dir, e.name);
      const key = dirKey + e.name;
      if (e.isDirectory()) {
        if (couldContain(`${key}/`, prefix)) await visit(absolute, `${key}/`);
        continue;
      }
      if (!key.startsWith(prefix)) continue;
      if (e.isFile()) {
        const info = await stat(absolute).catch(() => undefined);
        if (info) found.push(entry(key, absolute, info.size, info.mtime, info.ino, false));
      } else if (e.isSymbolicLink()) {
        const real = await realpath(absolute).catch(() => undefined);
        if (real === undefined || !isInside(rootReal, real)) continue;
        const info = await stat(real).catch(() => undefined);
        if (info?.isFile()) found.push(entry(key, real, info.size, info.mtime, info.ino, false));
      }
    }
  };
  await visit(rootReal, '');
  const sortKeys = new Map(found.map((o) => [o, Buffer.from(o.key, 'utf8')]));
  return found.sort((a, b) => Buffer.compare(sortKeys.get(a) as Buffer, sortKeys.get(b) as Buffer));
};

const entry = (
  key: string,
  absolutePath: string,
  size: number,
  mtime: Date,
  ino: number,
  directoryMarker: boolean,
): ListedObject => ({ key, absolutePath, size, mtime, ino, directoryMarker });

export interface PageRequest {
  readonly prefix: string;
  readonly delimiter?: string;
  /** Exclusive lower bound: a start-after key, or the last key or common prefix of the previous page. */
  readonly after?: string;
  readonly maxKeys: number;
}

export interface Page<T> {
  readonly contents: T[];
  readonly commonPrefixes: string[];
  readonly isTruncated: boolean;
  /** The last key or common prefix returned; the next page starts after it. */
  readonly last?: string;
}

/**
 * One page of a listing over keys already filtered by prefix and sorted in S3 order.
 * Keys and common prefixes both count towards `maxKeys`, as in S3. When `after` is a common prefix
 * returned earlier, every key under it is skipped.
 */
export const paginate = <T extends { readonly key: string }>(sorted: readonly T[], request: PageRequest): Page<T> => {
  const contents: T[] = [];
  const commonPrefixes: string[] = [];
  const after = request.after === undefined ? undefined : Buffer.from(request.after, 'utf8');
  let last: string | undefined;
  let count = 0;
  for (const item of sorted) {
    if (after !== undefined && Buffer.compare(Buffer.from(item.key, 'utf8'), after) <= 0) continue;
    const commonPrefix = groupOf(item.key, request.prefix, request.delimiter);
    if (commonPrefix !== undefined && (commonPrefix === request.after || commonPrefix === last)) continue;
    if (count >= request.maxKeys) return { contents, commonPrefixes, isTruncated: true, last };
    count++;
    if (commonPrefix === undefined) {
      contents.push(item);
      last = item.key;
    } else {
      commonPrefixes.push(commonPrefix);
      last = commonPrefix;
    }
  }
  return { contents, commonPrefixes, isTruncated: false, last };
};

/** The common prefix a key rolls up into for this prefix and delimiter, if any. */
export const groupOf = (key: string, prefix: string, delimiter: string | undefined): string | undefined => {
  if (!delimiter) return undefined;
  const at = key.indexOf(delimiter, prefix.length);
  return at === -1 ? undefined : key.slice(0, at + delimiter.length);
};
