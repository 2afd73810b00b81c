import { createHash } from 'node:crypto';
import { executionNameOf } from '@fsxn/pipeline';
import type { GenomicsKind } from './file-kinds';

/**
 * Where UC7 writes, relative to the output prefix. Unreviewed statistics stay under
 * `staging/<execution>/`; only approved ones reach `qc/`, `variants/`, `bam-headers/` and the tables.
 */
const RELEASED_FOLDER: Record<GenomicsKind, string> = { fastq: 'qc', vcf: 'variants', bam: 'bam-headers' };
const SUFFIX: Record<GenomicsKind, string> = { fastq: '.qc.json', vcf: '.variants.json', bam: '.header.json' };

export const stagingKey = (executionArn: string, key: string, kind: GenomicsKind) =>
  `staging/${executionNameOf(executionArn)}/${key}${SUFFIX[kind]}`;
export const releasedKey = (key: string, kind: GenomicsKind) => `${RELEASED_FOLDER[kind]}/${key}${SUFFIX[kind]}`;

/** Table folders (relative to the bucket in AWS, to the output prefix locally); Glue tables point here. */
export const TABLE_PREFIXES = { qc: 'tables/qc_metrics/', variants: 'tables/variant_stats/' } as const;

/** One row file per source file; named by hash because Hive and DuckDB treat `*?[]{}` in names specially. */
export const tableRowKey = (tablePrefix: string, sourceKey: string) =>
  `${tablePrefix}${createHash('sha256').update(sourceKey).digest('hex').slice(0, 32)}.json`;

const dated = (folder: string, executionArn: string, at: Date) =>
  `${folder}/${at.toISOString().slice(0, 10).replaceAll('-', '/')}/${executionNameOf(executionArn)}.json`;
export const summaryKey = (executionArn: string, at: Date) => dated('summaries', executionArn, at);
export const reportKey = (executionArn: string, at: Date) => dated('reports', executionArn, at);
