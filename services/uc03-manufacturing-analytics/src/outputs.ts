import { createHash } from 'node:crypto';
import { executionNameOf } from '@fsxn/pipeline';

/**
 * Where UC3 writes, relative to the output prefix. The Parquet parts go exactly where the Glue table and
 * the DuckDB view read (`parquet/`), which fixes the reference's JSONL-in-`transformed/` mismatch.
 */
export const PARQUET_DIR = 'parquet/';

/**
 * Parts of one CSV sit flat under `parquet/` as `<name>-<hash>-part-NNNNN.parquet`: the hash of the full
 * key keeps files from different folders apart; the readable name has no glob characters (DuckDB expands
 * them) and never starts with `_` or `.` (Hive and Athena skip such files).
 */
export const parquetPartPrefix = (sourceKey: string): string => {
  const base = sourceKey.slice(sourceKey.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
  const readable =
    base
      .replace(/[^A-Za-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'sensor';
  const hash = createHash('sha256').update(sourceKey).digest('hex').slice(0, 12);
  return `${PARQUET_DIR}${readable}-${hash}-part-`;
};

export const parquetPartKey = (sourceKey: string, index: number) =>
  `${parquetPartPrefix(sourceKey)}${String(index).padStart(5, '0')}.parquet`;

/** The part index of a key written by `parquetPartKey`, or undefined for anything else. */
export const partIndexOf = (partPrefix: string, key: string): number | undefined => {
  if (!key.startsWith(partPrefix)) return undefined;
  const match = /^(\d{5})\.parquet$/.exec(key.slice(partPrefix.length));
  return match ? Number(match[1]) : undefined;
};

export const csvSummaryKey = (sourceKey: string) => `summaries/${sourceKey}.json`;
export const imageAnalysisKey = (sourceKey: string) => `image-analysis/${sourceKey}.json`;

const datedPath = (at: Date) => at.toISOString().slice(0, 10).replaceAll('-', '/');
export const anomaliesKey = (executionArn: string, at: Date) =>
  `anomalies/${datedPath(at)}/${executionNameOf(executionArn)}.json`;
export const reportKey = (executionArn: string, at: Date) =>
  `reports/${datedPath(at)}/${executionNameOf(executionArn)}.json`;
