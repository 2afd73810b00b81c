import { createHash } from 'node:crypto';
import { executionNameOf } from '@fsxn/pipeline';

/**
 * Where UC1 writes, relative to the output prefix. ACL records are NDJSON partitioned by collection date
 * (`acl-data/YYYY/MM/DD/`): the Glue table (Athena) and the DuckDB view both read everything below
 * `acl-data/`, so earlier runs stay queryable and stale records can be found.
 */
export const ACL_DATA_DIR = 'acl-data/';

const datePath = (at: Date) => at.toISOString().slice(0, 10).replaceAll('-', '/');

/** The UTC instant of a `YYYY-MM-DD HH:MM:SS.sss` timestamp (the records' `collected_at`). */
export const instantOf = (timestamp: string): Date => new Date(`${timestamp.replace(' ', 'T')}Z`);

/** One object per file per run, in the folder of its collection date; the name is a hash so any key (spaces, unicode, deep paths) fits one segment. */
export const aclRecordKey = (executionArn: string, objectKey: string, at: Date) =>
  `${ACL_DATA_DIR}${datePath(at)}/${executionNameOf(executionArn)}/${createHash('sha256').update(objectKey).digest('hex').slice(0, 32)}.jsonl`;

export const findingsKey = (executionArn: string, at: Date) =>
  `findings/${datePath(at)}/${executionNameOf(executionArn)}.jsonl`;

/** The draft waits here until the review gate (if any) is passed. */
export const draftReportKey = (executionArn: string) => `staging/${executionNameOf(executionArn)}/compliance-report.md`;

export const publishedReportKey = (executionArn: string, at: Date) =>
  `reports/${datePath(at)}/compliance-report-${executionNameOf(executionArn)}.md`;

export const runReportKey = (executionArn: string, at: Date) =>
  `reports/${datePath(at)}/${executionNameOf(executionArn)}.json`;
