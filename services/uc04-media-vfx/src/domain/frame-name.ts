/** A render output file name split into its sequence pattern and frame number. */
export interface FrameName {
  /** Directory part of the key, with its trailing `/` ('' at the root). */
  dir: string;
  /** Everything before the frame number, e.g. `shot010_comp_v003.` */
  prefix: string;
  /** Extension with its dot, lower case, e.g. `.exr`. */
  extension: string;
  /** The frame number, or null for a file without one (a still). */
  frame: number | null;
  /** Digits as written (e.g. `0999`), '' without a frame number. */
  digits: string;
}

/** Frame numbers longer than this are not frame numbers (dates, hashes...), the file is a still. */
const MAX_FRAME_DIGITS = 9;

/**
 * Splits `dir/shot010_comp_v003.1001.exr`, `plate_1001.dpx`, `beauty-0042.exr` or `comp1001.exr` into
 * prefix, frame number and extension: the frame number is the last run of digits right before the
 * extension.
 */
export const parseFrameName = (key: string): FrameName => {
  const slash = key.lastIndexOf('/');
  const dir = key.slice(0, slash + 1);
  const base = key.slice(slash + 1);
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const extension = dot > 0 ? base.slice(dot).toLowerCase() : '';
  const match = /^(.*?)(\d+)$/.exec(stem);
  const digits = match?.[2] ?? '';
  if (!match || digits.length > MAX_FRAME_DIGITS) return { dir, prefix: stem, extension, frame: null, digits: '' };
  return { dir, prefix: match[1] ?? '', extension, frame: Number.parseInt(digits, 10), digits };
};

/** Identifies the sequence a frame belongs to: same directory, prefix and extension. */
export const sequenceIdOf = (name: FrameName): string =>
  name.frame === null ? `${name.dir}${name.prefix}${name.extension}` : `${name.dir}${name.prefix}#${name.extension}`;

/**
 * The printf-style pattern of a sequence, e.g. `shot010_comp_v003.%04d.exr`: padded to the most common
 * digit count (ties: the shorter), `%d` when that count is 1.
 */
export const sequencePattern = (names: readonly FrameName[]): string => {
  const [first] = names;
  if (!first) return '';
  if (first.frame === null) return `${first.dir}${first.prefix}${first.extension}`;
  const counts = new Map<number, number>();
  for (const n of names) counts.set(n.digits.length, (counts.get(n.digits.length) ?? 0) + 1);
  const [width = 1] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([len]) => len);
  const spec = width > 1 ? `%0${width}d` : '%d';
  return `${first.dir}${first.prefix}${spec}${first.extension}`;
};
