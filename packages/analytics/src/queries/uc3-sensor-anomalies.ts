import { defineTable, type TableDefinition, type TableFormat } from '../schema/table';
import { numberLiteral } from '../sql/dialect';
import { DEFAULT_LIMIT, limitClause, type TableRef, tableName } from '../sql/parts';

/** UC3 sensor readings (one row per CSV row the pipeline converted), NDJSON or Parquet. */
export const sensorReadingsTable = (options: {
  prefix: string;
  format?: TableFormat;
  name?: string;
}): TableDefinition =>
  defineTable({
    name: options.name ?? 'sensor_readings',
    format: options.format ?? 'parquet',
    location: { prefix: options.prefix },
    columns: [
      { name: 'sensor_id', type: 'string' },
      { name: 'metric_name', type: 'string' },
      { name: 'recorded_at', type: 'timestamp' },
      { name: 'value', type: 'double' },
      { name: 'unit', type: 'string' },
      { name: 'source_key', type: 'string' },
    ],
  });

export interface SensorAnomaliesOptions {
  readonly table: TableRef;
  /** Flag readings more than k sample standard deviations from their metric's mean (reference: 3.0). */
  readonly k: number;
  readonly limit?: number;
}

/**
 * UC3: readings with |value − avg| > k·stddev_samp, both over all readings of the same metric_name.
 * Metrics with fewer than two readings or zero spread have no stddev and so no anomalies.
 */
export const sensorAnomaliesSql = (
  options: SensorAnomaliesOptions,
): string => `SELECT sensor_id, metric_name, recorded_at, value, mean_value, stddev_value,
  abs(value - mean_value) / stddev_value AS deviations
FROM (
  SELECT sensor_id, metric_name, recorded_at, value,
    avg(value) OVER (PARTITION BY metric_name) AS mean_value,
    stddev_samp(value) OVER (PARTITION BY metric_name) AS stddev_value
  FROM ${tableName(options.table)}
  WHERE value IS NOT NULL
) AS stats
WHERE stddev_value > 0 AND abs(value - mean_value) > ${numberLiteral(options.k)} * stddev_value
ORDER BY metric_name, deviations DESC, sensor_id, recorded_at
${limitClause(options.limit ?? DEFAULT_LIMIT)}`;
