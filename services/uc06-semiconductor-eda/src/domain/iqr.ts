/**
 * Tukey fences, computed the way the DuckDB query does (`quantile_cont`: linear interpolation between
 * order statistics, R type 7), so the domain and the SQL agree exactly on the same rows.
 */
export const quantileCont = (sorted: readonly number[], p: number): number | null => {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower] as number;
  const b = sorted[upper] as number;
  return a + (b - a) * (position - lower);
};

export interface IqrOutlier {
  id: string;
  metric: string;
  value: number;
  q1: number;
  q3: number;
  lowerFence: number;
  upperFence: number;
  direction: 'LOW' | 'HIGH';
}

/** Values outside [Q1 − m·IQR, Q3 + m·IQR] per metric; null/undefined values take no part. */
export const iqrOutliers = (
  rows: readonly { id: string; values: Readonly<Record<string, number | null | undefined>> }[],
  metrics: readonly string[],
  multiplier = 1.5,
): IqrOutlier[] => {
  const out: IqrOutlier[] = [];
  for (const metric of metrics) {
    const present = rows.flatMap((r) => {
      const v = r.values[metric];
      return v === null || v === undefined || Number.isNaN(v) ? [] : [{ id: r.id, value: v }];
    });
    const sorted = present.map((p) => p.value).sort((a, b) => a - b);
    const q1 = quantileCont(sorted, 0.25);
    const q3 = quantileCont(sorted, 0.75);
    if (q1 === null || q3 === null) continue;
    const lowerFence = q1 - multiplier * (q3 - q1);
    const upperFence = q3 + multiplier * (q3 - q1);
    for (const { id, value } of present) {
      if (value > upperFence || value < lowerFence) {
        out.push({ id, metric, value, q1, q3, lowerFence, upperFence, direction: value > upperFence ? 'HIGH' : 'LOW' });
      }
    }
  }
  // Same order as the SQL: metric, value descending, id.
  return out.sort((a, b) => compareText(a.metric, b.metric) || b.value - a.value || compareText(a.id, b.id));
};

/** Code-unit order, as SQL's ORDER BY on ASCII text (not the locale's). */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
