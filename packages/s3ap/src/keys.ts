import { S3ApInvalidInputError } from './errors';

/**
 * Joins a prefix and a key into an object key: no leading `/`, no `.`/`..` segments, no empty segments,
 * no NUL. The prefix gets a trailing `/` when it has none. Throws on keys that could escape the prefix.
 */
export const normaliseKey = (prefix: string, key: string): string => {
  const cleanPrefix = prefix.replace(/^\/+/, '');
  const joinedPrefix = cleanPrefix === '' || cleanPrefix.endsWith('/') ? cleanPrefix : `${cleanPrefix}/`;
  const cleanKey = key.replace(/^\/+/, '');
  const full = joinedPrefix + cleanKey;
  if (cleanKey === '' || full.endsWith('/'))
    throw new S3ApInvalidInputError(`Invalid object key "${key}": it names no file.`);
  if (full.includes('\0')) throw new S3ApInvalidInputError('Invalid object key: NUL bytes are not allowed.');
  for (const segment of full.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') {
      throw new S3ApInvalidInputError(
        `Invalid object key "${full}": empty, "." and ".." path segments are not allowed.`,
      );
    }
  }
  if (Buffer.byteLength(full, 'utf8') > 1024)
    throw new S3ApInvalidInputError('Invalid object key: longer than 1024 bytes.');
  return full;
};
