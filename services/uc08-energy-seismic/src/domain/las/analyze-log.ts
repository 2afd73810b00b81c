import type { WellLog } from './well-log';

export interface CurveStats {
  readonly mnemonic: string;
  readonly unit: string;
  /** Values present (not null, finite). */
  readonly count: number;
  readonly nulls: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  /** Sample standard deviation (n − 1); null below two values. */
  readonly std: number | null;
}

export interface Anomaly {
  readonly curve: string;
  readonly depth: number;
  readonly value: number;
  /** The bound the value crossed: mean + k·σ above the mean, mean − k·σ below it. */
  readonly threshold: number;
  /** |value − mean| / σ. */
  readonly stdDeviations: number;
}

export interface LogAnalysis {
  readonly rows: number;
  readonly indexCurve: string;
  readonly depthRange: { readonly min: number; readonly max: number } | null;
  readonly curves: readonly CurveStats[];
  readonly anomalies: readonly Anomaly[];
  /** Header/data disagreements worth a reader's attention (they do not fail the file). */
  readonly issues: readonly string[];
}

/** The reference's `ANOMALY_THRESHOLD_STD`. */
export const DEFAULT_ANOMALY_K = 3;

const statsOf = (column: Float64Array) => {
  let count = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of column) {
    if (!Number.isFinite(v)) continue;
    count += 1;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (count === 0) return { count, min: null, max: null, mean: null, std: null };
  const mean = sum / count;
  let squares = 0;
  for (const v of column) if (Number.isFinite(v)) squares += (v - mean) ** 2;
  return { count, min, max, mean, std: count < 2 ? null : Math.sqrt(squares / (count - 1)) };
};

/**
 * Per-curve statistics (nulls excluded) and anomalies: values with |x − mean| > k·σ (sample σ) on every
 * curve but the index. Curves with fewer than two values or no spread have no anomalies.
 */
export const analyzeLog = (log: WellLog, k: number = DEFAULT_ANOMALY_K): LogAnalysis => {
  const depth = log.columns[0] ?? new Float64Array();
  const curves: CurveStats[] = log.curves.map((curve, i) => ({
    mnemonic: curve.mnemonic,
    unit: curve.unit,
    nulls: log.nullCounts[i] ?? 0,
    ...statsOf(log.columns[i] ?? new Float64Array()),
  }));
  const anomalies: Anomaly[] = [];
  for (let c = 1; c < log.curves.length; c++) {
    const stats = curves[c];
    const column = log.columns[c];
    if (!stats || !column || stats.mean === null || stats.std === null || stats.std === 0) continue;
    const { mean, std } = stats;
    column.forEach((value, row) => {
      const at = depth[row];
      if (!Number.isFinite(value) || at === undefined || !Number.isFinite(at)) return;
      if (Math.abs(value - mean) > k * std) {
        anomalies.push({
          curve: stats.mnemonic,
          depth: at,
          value,
          threshold: value > mean ? mean + k * std : mean - k * std,
          stdDeviations: Math.abs(value - mean) / std,
        });
      }
    });
  }
  const index = curves[0];
  const depthRange = index && index.min !== null && index.max !== null ? { min: index.min, max: index.max } : null;
  return {
    rows: depth.length,
    indexCurve: index?.mnemonic ?? '',
    depthRange,
    curves,
    anomalies,
    issues: headerIssues(log, depth, depthRange),
  };
};

const headerIssues = (log: WellLog, depth: Float64Array, range: LogAnalysis['depthRange']): string[] => {
  const issues: string[] = [];
  const { start, stop, step } = log.declared;
  const first = depth[0];
  const last = depth[depth.length - 1];
  const tolerance = Math.abs(step ?? 0) / 2 || 1e-6;
  if (start !== undefined && first !== undefined && Number.isFinite(first) && Math.abs(first - start) > tolerance) {
    issues.push(`~W STRT ${start} but the first index value is ${first}`);
  }
  if (stop !== undefined && last !== undefined && Number.isFinite(last) && Math.abs(last - stop) > tolerance) {
    issues.push(`~W STOP ${stop} but the last index value is ${last}`);
  }
  if ((log.nullCounts[0] ?? 0) > 0)
    issues.push(`${log.nullCounts[0]} index values are NULL; their rows are not placed`);
  if (range === null) issues.push('no index value is present');
  return issues;
};
