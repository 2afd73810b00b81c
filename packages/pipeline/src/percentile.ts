/** Nearest-rank percentile (p in (0, 100]) of a list of numbers; undefined for an empty list. */
export const percentile = (values: readonly number[], p: number): number | undefined => {
  if (values.length === 0) return undefined;
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1];
};
