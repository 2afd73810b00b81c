import { defineTable, type TableDefinition, type TableFormat } from '../schema/table';
import { DEFAULT_LIMIT, limitClause, type TableRef, tableName } from '../sql/parts';

/** UC8 well-log anomalies, one row per flagged sample (flat, so no UNNEST is needed). */
export const wellAnomaliesTable = (options: { prefix: string; format?: TableFormat; name?: string }): TableDefinition =>
  defineTable({
    name: options.name ?? 'well_anomalies',
    format: options.format ?? 'ndjson',
    location: { prefix: options.prefix },
    columns: [
      { name: 'well_id', type: 'string' },
      { name: 'file_key', type: 'string' },
      { name: 'sensor', type: 'string' },
      { name: 'depth', type: 'double' },
      { name: 'value', type: 'double' },
      { name: 'threshold', type: 'double' },
      { name: 'std_deviations', type: 'double' },
      { name: 'detected_at', type: 'timestamp' },
    ],
  });

/** UC8: per well, anomaly count, distinct sensors flagged, average and maximum σ distance. */
export const anomaliesByWellSql = (options: { table: TableRef; limit?: number }): string => `SELECT well_id,
  count(*) AS anomalies,
  count(DISTINCT sensor) AS sensors,
  avg(std_deviations) AS avg_std_deviations,
  max(std_deviations) AS max_std_deviations
FROM ${tableName(options.table)}
GROUP BY well_id
ORDER BY anomalies DESC, well_id
${limitClause(options.limit ?? DEFAULT_LIMIT)}`;

/** UC8: per sensor (curve), anomaly count, wells affected, average and maximum σ distance. */
export const anomaliesBySensorSql = (options: { table: TableRef; limit?: number }): string => `SELECT sensor,
  count(*) AS anomalies,
  count(DISTINCT well_id) AS wells,
  avg(std_deviations) AS avg_std_deviations,
  max(std_deviations) AS max_std_deviations
FROM ${tableName(options.table)}
GROUP BY sensor
ORDER BY anomalies DESC, sensor
${limitClause(options.limit ?? DEFAULT_LIMIT)}`;

/** UC8: wells with anomalies, total anomalies, anomalies per such well, the largest σ distance. */
export const anomalySummarySql = (options: {
  table: TableRef;
}): string => `SELECT count(DISTINCT well_id) AS wells_with_anomalies,
  count(*) AS total_anomalies,
  CAST(count(*) AS DOUBLE) / NULLIF(count(DISTINCT well_id), 0) AS avg_anomalies_per_well,
  max(std_deviations) AS max_std_deviations
FROM ${tableName(options.table)}`;
