import {
  type SqlEngine,
  type SqlRow,
  sensorAnomaliesSql,
  sensorReadingsTable,
  type TableDefinition,
} from '@fsxn/analytics';
import { PARQUET_DIR } from './outputs';

/** The Glue table in AWS and the DuckDB view locally, over the Parquet parts under `<outputPrefix>parquet/`. */
export const sensorTable = (outputPrefix: string): TableDefinition =>
  sensorReadingsTable({ prefix: `${outputPrefix}${PARQUET_DIR}` });

export interface SensorAnomaly {
  sensorId: string;
  metricName: string;
  recordedAt: string;
  value: number;
  mean: number;
  stddev: number;
  deviations: number;
}

const text = (row: SqlRow, name: string) => String(row[name] ?? '');
const number = (row: SqlRow, name: string) => Number(row[name]);

/**
 * Runs the use case's anomaly SQL (|value − avg| > k·stddev_samp per metric, from @fsxn/analytics) on
 * whichever engine is configured: Athena over the Glue table in AWS, DuckDB over the same files locally.
 */
export const querySensorAnomalies = async (
  engine: SqlEngine,
  options: { table: TableDefinition; k: number; limit: number },
): Promise<SensorAnomaly[]> => {
  const result = await engine.query(sensorAnomaliesSql(options));
  return result.rows.map((row) => ({
    sensorId: text(row, 'sensor_id'),
    metricName: text(row, 'metric_name'),
    recordedAt: text(row, 'recorded_at'),
    value: number(row, 'value'),
    mean: number(row, 'mean_value'),
    stddev: number(row, 'stddev_value'),
    deviations: number(row, 'deviations'),
  }));
};

/** Count of anomalies per metric, for the report and the notification. */
export const countByMetric = (anomalies: readonly SensorAnomaly[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const a of anomalies) counts[a.metricName] = (counts[a.metricName] ?? 0) + 1;
  return counts;
};
