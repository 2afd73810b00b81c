import { defineTable, formatTimestamp, qcMetricsTable, type TableDefinition } from '@fsxn/analytics';
import type { FastqStats, VcfStats } from './domain';
import { TABLE_PREFIXES } from './outputs';

/** The FASTQ QC table of @fsxn/analytics (its UC7 queries run over it), over the released rows. */
export const qcTable = (): TableDefinition => qcMetricsTable({ prefix: TABLE_PREFIXES.qc, format: 'ndjson' });

/** Per-VCF variant statistics, one row per released VCF. */
export const variantTable = (): TableDefinition =>
  defineTable({
    name: 'variant_stats',
    format: 'ndjson',
    location: { prefix: TABLE_PREFIXES.variants },
    columns: [
      { name: 'sample_id', type: 'string' },
      { name: 'file_key', type: 'string' },
      { name: 'samples', type: 'bigint' },
      { name: 'records', type: 'bigint' },
      { name: 'snv', type: 'bigint' },
      { name: 'mnv', type: 'bigint' },
      { name: 'indels', type: 'bigint' },
      { name: 'ti_tv', type: 'double' },
      { name: 'pass_rate', type: 'double' },
      { name: 'processed_at', type: 'timestamp' },
    ],
  });

export const qcRow = (sampleId: string, fileKey: string, stats: FastqStats, at: Date) => ({
  sample_id: sampleId,
  file_key: fileKey,
  total_reads: stats.reads,
  average_quality_score: stats.meanQuality,
  gc_content_percentage: stats.gcPercent,
  pass_filter_rate: stats.passFilterRate,
  processed_at: formatTimestamp(at),
});

export const variantRow = (sampleId: string, fileKey: string, stats: VcfStats, at: Date) => ({
  sample_id: sampleId,
  file_key: fileKey,
  samples: stats.samples.length,
  records: stats.records,
  snv: stats.alleles.snv,
  mnv: stats.alleles.mnv,
  indels: stats.alleles.insertion + stats.alleles.deletion + stats.alleles.complex,
  ti_tv: stats.tiTv,
  pass_rate: stats.filter.passRate,
  processed_at: formatTimestamp(at),
});

/** Portable SQL (Athena and DuckDB): variant files, records and mean Ti/Tv over the released VCFs. */
export const variantSummarySql = (table: string) => `SELECT count(*) AS files,
  sum(records) AS records,
  sum(snv) AS snv,
  sum(indels) AS indels,
  avg(ti_tv) AS avg_ti_tv,
  avg(pass_rate) AS avg_pass_rate
FROM ${table}`;
