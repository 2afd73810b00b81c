/** One bar of a length distribution: reads with `min <= length <= max`. */
export interface LengthBin {
  min: number;
  max: number;
  reads: number;
}

/** Exact lengths when few distinct ones exist (short-read runs), otherwise equal-width bins. */
export const lengthDistribution = (counts: ReadonlyMap<number, number>, maxBins = 50): LengthBin[] => {
  const lengths = [...counts.keys()].sort((a, b) => a - b);
  const first = lengths[0];
  const last = lengths.at(-1);
  if (first === undefined || last === undefined) return [];
  if (lengths.length <= maxBins) {
    return lengths.map((length) => ({ min: length, max: length, reads: counts.get(length) ?? 0 }));
  }
  const width = Math.ceil((last - first + 1) / maxBins);
  const bins: LengthBin[] = [];
  for (let min = first; min <= last; min += width) bins.push({ min, max: Math.min(min + width - 1, last), reads: 0 });
  for (const [length, reads] of counts) {
    const bin = bins[Math.floor((length - first) / width)];
    if (bin) bin.reads += reads;
  }
  return bins.filter((b) => b.reads > 0);
};
