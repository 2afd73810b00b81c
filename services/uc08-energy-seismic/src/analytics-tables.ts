import { defineTable, numberLiteral, type TableDefinition, wellAnomaliesTable } from '@fsxn/analytics';
import { WELL_ANOMALIES_DIR, WELL_READINGS_DIR } from './outputs';

/** Every present (non-null) well-log value, one row per curve and depth: what the SQL anomaly check reads. */
export const wellReadingsTable = (outputPrefix: string): TableDefinition =>
  defineTable({
    name: 'well_readings',
    format: 'ndjson',
    location: { prefix: `${outputPrefix}${WELL_READINGS_DIR}` },
    columns: [
      { name: 'well_id', type: 'string' },
      { name: 'file_key', type: 'string' },
      { name: 'curve', type: 'string' },
      { name: 'depth', type: 'double' },
      { name: 'value', type: 'double' },
    ],
  });

/** The anomalies the domain flagged (table and queries of @fsxn/analytics). */
export const uc08Tables = (outputPrefix: string): TableDefinition[] => [
  wellReadingsTable(outputPrefix),
  wellAnomaliesTable({ prefix: `${outputPrefix}${WELL_ANOMALIES_DIR}` }),
];

/**
 * The anomaly rule in SQL, over the readings: per file and curve, |value − avg| > k · stddev_samp.
 * Runs unchanged on Athena and DuckDB; the analytics step compares its rows with the domain's.
 */
export const wellCurveAnomaliesSql = (options: {
  k: number;
  table?: string;
}): string => `SELECT well_id, file_key, curve, depth, value,
  abs(value - mean_value) / stddev_value AS std_deviations
FROM (
  SELECT well_id, file_key, curve, depth, value,
    avg(value) OVER (PARTITION BY file_key, curve) AS mean_value,
    stddev_samp(value) OVER (PARTITION BY file_key, curve) AS stddev_value
  FROM ${options.table ?? 'well_readings'}
) AS stats
WHERE stddev_value > 0 AND abs(value - mean_value) > ${numberLiteral(options.k)} * stddev_value
ORDER BY file_key, curve, depth`;

/** The domain's anomalies as stored, in the same shape for the comparison. */
export const storedAnomaliesSql = (table = 'well_anomalies'): string =>
  `SELECT well_id, file_key, sensor AS curve, depth, value, std_deviations FROM ${table} ORDER BY file_key, sensor, depth`;
