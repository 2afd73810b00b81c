/** The reference's threshold: a reading is anomalous beyond 3 sample standard deviations from its metric's mean. */
export const DEFAULT_ANOMALY_K = 3;

export interface MetricAnomalies {
  readonly metricName: string;
  readonly count: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1); null with fewer than two readings. */
  readonly stddev: number | null;
  readonly anomalyCount: number;
  /** Tags (e.g. CSV line numbers) of the anomalous readings, in input order. */
  readonly anomalies: readonly number[];
}

/** Growable column of doubles plus one tag per value, so millions of readings cost 12 bytes each. */
class Column {
  values = new Float64Array(1024);
  tags = new Uint32Array(1024);
  length = 0;

  push(value: number, tag: number) {
    if (this.length === this.values.length) {
      const values = new Float64Array(this.length * 2);
      values.set(this.values);
      this.values = values;
      const tags = new Uint32Array(this.length * 2);
      tags.set(this.tags);
      this.tags = tags;
    }
    this.values[this.length] = value;
    this.tags[this.length] = tag;
    this.length += 1;
  }
}

/**
 * Collects readings per metric and finds the anomalies with the rule the SQL uses
 * (`sensorAnomaliesSql` of @fsxn/analytics): |x − mean| > k·σ, σ the sample standard deviation of the
 * metric, no anomalies when σ is 0 or undefined. Two passes (mean, then squared deviations) for accuracy.
 */
export class MetricCollector {
  private readonly columns = new Map<string, Column>();

  add(metricName: string, value: number, tag: number): void {
    let column = this.columns.get(metricName);
    if (column === undefined) {
      column = new Column();
      this.columns.set(metricName, column);
    }
    column.push(value, tag);
  }

  anomalies(k: number = DEFAULT_ANOMALY_K): MetricAnomalies[] {
    return [...this.columns]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([metricName, column]) => analyseColumn(metricName, column, k));
  }
}

const analyseColumn = (metricName: string, column: Column, k: number): MetricAnomalies => {
  const n = column.length;
  const values = column.values.subarray(0, n);
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  const stddev = n < 2 ? null : Math.sqrt(squares / (n - 1));
  const anomalies: number[] = [];
  if (stddev !== null && stddev > 0) {
    for (let i = 0; i < n; i++) {
      if (Math.abs((values[i] ?? mean) - mean) > k * stddev) anomalies.push(column.tags[i] ?? 0);
    }
  }
  return { metricName, count: n, mean, stddev, anomalyCount: anomalies.length, anomalies };
};

/** Anomalies of an in-memory list, tagged by position in the list. */
export const findAnomalies = (
  readings: readonly { readonly metricName: string; readonly value: number }[],
  k: number = DEFAULT_ANOMALY_K,
): MetricAnomalies[] => {
  const collector = new MetricCollector();
  readings.forEach((r, index) => {
    collector.add(r.metricName, r.value, index);
  });
  return collector.anomalies(k);
};
