import { defineTable, type TableDefinition, type TableFormat } from '../schema/table';
import { numberLiteral } from '../sql/dialect';
import { DEFAULT_LIMIT, limitClause, type TableRef, tableName } from '../sql/parts';

/** UC7 FASTQ QC results, one row per sample file. */
export const qcMetricsTable = (options: { prefix: string; format?: TableFormat; name?: string }): TableDefinition =>
  defineTable({
    name: options.name ?? 'qc_metrics',
    format: options.format ?? 'ndjson',
    location: { prefix: options.prefix },
    columns: [
      { name: 'sample_id', type: 'string' },
      { name: 'file_key', type: 'string' },
      { name: 'total_reads', type: 'bigint' },
      { name: 'average_quality_score', type: 'double' },
      { name: 'gc_content_percentage', type: 'double' },
      { name: 'pass_filter_rate', type: 'double' },
      { name: 'processed_at', type: 'timestamp' },
    ],
  });

export interface GcBounds {
  /** GC % below this is an outlier (reference: 30). */
  readonly lowPct?: number;
  /** GC % above this is an outlier (reference: 70). */
  readonly highPct?: number;
}

const gcOutside = (bounds: GcBounds) =>
  `(gc_content_percentage < ${numberLiteral(bounds.lowPct ?? 30)} OR gc_content_percentage > ${numberLiteral(bounds.highPct ?? 70)})`;

/** UC7: samples, avg/min/max quality, avg GC % and how many samples have GC outside the bounds. */
export const qcSummarySql = (options: { table: TableRef } & GcBounds): string => `SELECT count(*) AS samples,
  avg(average_quality_score) AS avg_quality,
  min(average_quality_score) AS min_quality,
  max(average_quality_score) AS max_quality,
  avg(gc_content_percentage) AS avg_gc_percentage,
  count(CASE WHEN ${gcOutside(options)} THEN 1 END) AS gc_outliers
FROM ${tableName(options.table)}`;

/** UC7: samples whose GC % is below `lowPct` or above `highPct`. */
export const gcOutliersSql = (
  options: { table: TableRef; limit?: number } & GcBounds,
): string => `SELECT sample_id, file_key, gc_content_percentage,
  CASE WHEN gc_content_percentage < ${numberLiteral(options.lowPct ?? 30)} THEN 'LOW' ELSE 'HIGH' END AS direction
FROM ${tableName(options.table)}
WHERE ${gcOutside(options)}
ORDER BY gc_content_percentage, sample_id
${limitClause(options.limit ?? DEFAULT_LIMIT)}`;

/** UC7: samples whose mean base quality is below `minQuality` (reference QUALITY_THRESHOLD: 20). */
export const lowQualitySamplesSql = (options: {
  table: TableRef;
  minQuality?: number;
  limit?: number;
}): string => `SELECT sample_id, file_key, average_quality_score, pass_filter_rate
FROM ${tableName(options.table)}
WHERE average_quality_score < ${numberLiteral(options.minQuality ?? 20)}
ORDER BY average_quality_score, sample_id
${limitClause(options.limit ?? DEFAULT_LIMIT)}`;
