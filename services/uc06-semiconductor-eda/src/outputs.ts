import { createHash } from 'node:crypto';
import { executionNameOf } from '@fsxn/pipeline';

/**
 * Where UC6 writes. Layout summaries, analyses and reports go under the output prefix of the output access
 * point; the one-line table rows go to `layout-metadata/` (in the analytics bucket in AWS, under the
 * output prefix locally).
 */
export const layoutSummaryKey = (key: string) => `layouts/${key}.json`;

/**
 * One row file per input file, named by a hash of its key: a re-run replaces the row, so the table holds
 * the latest state of each file, and no key character can disturb the table location or DuckDB's globbing.
 */
export const metadataRowKey = (key: string) =>
  `${METADATA_FOLDER}${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`;
export const METADATA_FOLDER = 'layout-metadata/';

const datePath = (at: Date) => at.toISOString().slice(0, 10).replaceAll('-', '/');
export const analysisKey = (executionArn: string, at: Date) =>
  `analysis/${datePath(at)}/${executionNameOf(executionArn)}.json`;
export const reportKey = (executionArn: string, at: Date) =>
  `reports/${datePath(at)}/${executionNameOf(executionArn)}.json`;
export const designReviewKey = (executionArn: string, at: Date) =>
  `reports/${datePath(at)}/eda-design-review-${executionNameOf(executionArn)}.md`;
