import { OutputKeyError } from './errors';

/**
 * The file name of a document's summary: its key with `/` → `_`, as the reference wrote it, but made
 * reversible. The reference's plain replacement made `a/b_c.pdf` and `a_b/c.pdf` the same output (one
 * summary silently overwrote the other); here `%` and `_` already in the key are percent-escaped first.
 */
export const flattenKey = (key: string): string =>
  key.replaceAll('%', '%25').replaceAll('_', '%5F').replaceAll('/', '_');

/** Inverse of `flattenKey`. */
export const unflattenKey = (name: string): string =>
  name.replaceAll('_', '/').replaceAll('%5F', '_').replaceAll('%25', '%');

/** `summaries/YYYY/MM/DD/<flattened key>.json`, dated by the UTC day the document was processed. */
export const summaryKeyFor = (documentKey: string, processedAt: Date): string => {
  if (documentKey.length === 0) throw new OutputKeyError('empty document key');
  const day = processedAt.toISOString().slice(0, 10).replaceAll('-', '/');
  const name = flattenKey(documentKey);
  // Single-segment names only: `.`/`..` would be path segments of their own.
  if (name === '.' || name === '..') throw new OutputKeyError(`document key "${documentKey}" has no file name`);
  return `summaries/${day}/${name}.json`;
};
