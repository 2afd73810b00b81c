import { AnalyticsError } from '../errors';
import { defineTable, type TableDefinition, type TableFormat } from '../schema/table';
import { type DialectInput, fragmentsOf, numberLiteral, stringLiteral } from '../sql/dialect';
import { columnName, DEFAULT_LIMIT, limitClause, type TableRef, tableName } from '../sql/parts';

/** UC6 layout metadata, one row per GDSII/OASIS file. `cell_count` NULL = the file could not be parsed. */
export const layoutMetadataTable = (options: {
  prefix: string;
  format?: TableFormat;
  name?: string;
}): TableDefinition =>
  defineTable({
    name: options.name ?? 'layout_metadata',
    format: options.format ?? 'ndjson',
    location: { prefix: options.prefix },
    columns: [
      { name: 'file_key', type: 'string' },
      { name: 'file_format', type: 'string' },
      { name: 'library_name', type: 'string' },
      { name: 'cell_count', type: 'bigint' },
      { name: 'bbox_width', type: 'double' },
      { name: 'bbox_height', type: 'double' },
      { name: 'processed_at', type: 'timestamp' },
    ],
  });

/** UC6: files, unparsable files, and min/max/avg/p95 of cell_count over the parsed ones. */
export const cellCountStatsSql = (options: { table: TableRef; dialect: DialectInput }): string => {
  const sql = fragmentsOf(options.dialect);
  return `SELECT count(*) AS files,
  count(cell_count) AS parsed_files,
  count(*) - count(cell_count) AS invalid_files,
  min(cell_count) AS min_cells,
  max(cell_count) AS max_cells,
  avg(CAST(cell_count AS DOUBLE)) AS avg_cells,
  ${sql.percentile('CAST(cell_count AS DOUBLE)', 0.95)} AS p95_cells
FROM ${tableName(options.table)}`;
};

export interface IqrOutliersOptions {
  readonly table: TableRef;
  readonly dialect: DialectInput;
  /** Column that names the row in the findings (e.g. `file_key`). */
  readonly idColumn: string;
  /** Numeric columns checked independently, each against its own Q1/Q3. */
  readonly valueColumns: readonly string[];
  /** Fence width in IQRs (Tukey: 1.5). */
  readonly multiplier?: number;
  readonly limit?: number;
}

/**
 * UC6: values outside [Q1 − m·IQR, Q3 + m·IQR] per column (Tukey fences), with the quartiles and fences
 * that flagged them and `direction` LOW or HIGH.
 */
export const iqrOutliersSql = (options: IqrOutliersOptions): string => {
  const sql = fragmentsOf(options.dialect);
  if (options.valueColumns.length === 0) throw new AnalyticsError('iqrOutliersSql needs at least one value column');
  const table = tableName(options.table);
  const id = columnName(options.idColumn);
  const m = numberLiteral(options.multiplier ?? 1.5);
  const columns = options.valueColumns.map(columnName);
  const quartiles = columns
    .map((c) => {
      const value = `CAST(${c} AS DOUBLE)`;
      return `  SELECT ${stringLiteral(c)} AS metric, ${sql.percentile(value, 0.25)} AS q1, ${sql.percentile(value, 0.75)} AS q3 FROM ${table}`;
    })
    .join('\n  UNION ALL\n');
  const values = columns
    .map((c) => `  SELECT ${id} AS id, ${stringLiteral(c)} AS metric, CAST(${c} AS DOUBLE) AS value FROM ${table}`)
    .join('\n  UNION ALL\n');
  return `WITH quartiles AS (
${quartiles}
), fences AS (
  SELECT metric, q1, q3, q1 - ${m} * (q3 - q1) AS lower_fence, q3 + ${m} * (q3 - q1) AS upper_fence FROM quartiles
), measured AS (
${values}
)
SELECT v.id, v.metric, v.value, f.q1, f.q3, f.lower_fence, f.upper_fence,
  CASE WHEN v.value > f.upper_fence THEN 'HIGH' ELSE 'LOW' END AS direction
FROM measured AS v JOIN fences AS f ON v.metric = f.metric
WHERE v.value > f.upper_fence OR v.value < f.lower_fence
ORDER BY v.metric, v.value DESC, v.id
${limitClause(options.limit ?? DEFAULT_LIMIT)}`;
};

/** UC6: library names with `-` or any character outside `[A-Za-z0-9_./]` (the reference's naming rule). */
export const namingViolationsSql = (options: { table: TableRef; dialect: DialectInput; limit?: number }): string => {
  const sql = fragmentsOf(options.dialect);
  return `SELECT file_key, library_name
FROM ${tableName(options.table)}
WHERE library_name IS NOT NULL AND ${sql.regexpLike('library_name', '[^A-Za-z0-9_./]')}
ORDER BY file_key
${limitClause(options.limit ?? DEFAULT_LIMIT)}`;
};
