import { S3ApEmulatorError } from './s3-error';

export interface ByteRange {
  readonly start: number;
  /** Inclusive. */
  readonly end: number;
}

/**
 * Parses a single `bytes=a-b`, `bytes=a-` or `bytes=-n` Range header against an object size.
 * Returns undefined when the whole object should be served (no header, syntax S3 ignores, multiple ranges);
 * throws InvalidRange (416) when the range cannot be satisfied.
 */
export const parseRange = (value: string | undefined, size: number): ByteRange | undefined => {
  if (value === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  const unsatisfiable = (): S3ApEmulatorError =>
    new S3ApEmulatorError('InvalidRange', 'The requested range is not satisfiable', {
      RangeRequested: value,
      ActualObjectSize: String(size),
    });
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) throw unsatisfiable();
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return undefined; // syntactically invalid: RFC 9110 says ignore
  if (start >= size) throw unsatisfiable();
  return { start, end };
};
