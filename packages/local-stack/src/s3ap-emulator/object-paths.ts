import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { S3ApEmulatorError } from './s3-error';

/** A key that passed validation, split into path segments; `directory` when it ends in `/`. */
export interface ValidKey {
  readonly key: string;
  readonly segments: readonly string[];
  readonly directory: boolean;
}

const MAX_KEY_BYTES = 1024;

/**
 * Checks an object key before it is mapped onto the volume. Keys that could name something outside the
 * access point's directory (`..`/`.` segments, absolute paths, NUL bytes) are refused with AccessDenied,
 * as a file-system permission check would; keys that cannot be a file path are InvalidArgument.
 */
export const validateKey = (key: string): ValidKey => {
  if (key.length === 0) throw new S3ApEmulatorError('InvalidArgument', 'The object key must not be empty.');
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) {
    throw new S3ApEmulatorError('KeyTooLongError', 'Your key is too long.');
  }
  if (key.includes('\0')) throw new S3ApEmulatorError('AccessDenied', 'Access Denied');
  if (key.startsWith('/')) throw new S3ApEmulatorError('AccessDenied', 'Access Denied');
  const directory = key.endsWith('/');
  const segments = (directory ? key.slice(0, -1) : key).split('/');
  for (const segment of segments) {
    if (segment === '.' || segment === '..') throw new S3ApEmulatorError('AccessDenied', 'Access Denied');
    if (segment === '') {
      throw new S3ApEmulatorError('InvalidArgument', 'Object keys with empty path segments ("//") cannot name a file.');
    }
  }
  return { key, segments, directory };
};

/** True when `candidate` is `root` or lies beneath it (both already real, absolute paths). */
export const isInside = (root: string, candidate: string): boolean => {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
};

const accessDenied = (): S3ApEmulatorError => new S3ApEmulatorError('AccessDenied', 'Access Denied');

const isMissing = (error: unknown): boolean => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

/**
 * The real path of an existing object, or undefined when it does not exist.
 * Symlinks are followed, and anything that resolves outside the root is AccessDenied.
 */
export const resolveExisting = async (rootReal: string, key: ValidKey): Promise<string | undefined> => {
  const lexical = path.join(rootReal, ...key.segments);
  let real: string;
  try {
    real = await realpath(lexical);
  } catch (error) {
    if (!isMissing(error)) throw error;
    // A missing name beneath a symlink that leaves the root is still outside: deny rather than "not found".
    await checkExistingAncestor(rootReal, path.dirname(lexical));
    return undefined;
  }
  if (!isInside(rootReal, real)) throw accessDenied();
  return real;
};

/** Resolves the deepest existing ancestor of `start` through symlinks; it must lie inside the root. */
const checkExistingAncestor = async (rootReal: string, start: string): Promise<void> => {
  let ancestor = start;
  for (;;) {
    try {
      const real = await realpath(ancestor);
      if (!isInside(rootReal, real)) throw accessDenied();
      return;
    } catch (error) {
      if (!isMissing(error) || ancestor === rootReal) throw error;
      ancestor = path.dirname(ancestor);
    }
  }
};

/**
 * Where a write of `key` lands. Every existing ancestor is resolved through symlinks and must stay inside the
 * root; missing ancestors are created by the caller beneath an ancestor that was checked, so a write can never
 * escape the root. An existing symlink at the target itself must also point inside the root.
 */
export const resolveForWrite = async (rootReal: string, key: ValidKey): Promise<string> => {
  const target = path.join(rootReal, ...key.segments);
  await checkExistingAncestor(rootReal, path.dirname(target));
  try {
    const info = await lstat(target);
    if (info.isSymbolicLink()) {
      const real = await realpath(target).catch(() => undefined);
      if (real === undefined || !isInside(rootReal, real)) throw accessDenied();
    }
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  return target;
};
