import { createHash } from 'node:crypto';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { getTask } from '@fsxn/human-review';
import {
  analyticsWriterOf,
  createHandler,
  documentClient,
  outputWriterOf,
  PermanentError,
  s3Of,
  sfnClient,
} from '@fsxn/lambda-kit';
import { recordLineage } from '@fsxn/lineage';
import { succeeded } from '@fsxn/pipeline';
import { bucketOf } from '@fsxn/s3ap';
import { z } from 'zod';
import { releaseOutputConfig, SERVICE_ID, TEMPLATE_VERSION } from '../config';
import type { FastqStats, VcfStats } from '../domain';
import { releasedKey, TABLE_PREFIXES, tableRowKey } from '../outputs';
import { qcRow, variantRow } from '../tables';

const config = releaseOutputConfig();
const s3 = s3Of(config);
const writer = outputWriterOf(config, s3);
const tables = analyticsWriterOf(config, s3, '');
const outputBucket = bucketOf(config.OUTPUT_ACCESS_POINT);
const db = documentClient();
const reviews = { db, sfn: sfnClient(), tableName: config.REVIEW_TABLE };
const lineage = { db, tableName: config.LINEAGE_TABLE };
const MAX_STATS_BYTES = 16 * 1024 * 1024;

const eventSchema = z.object({
  executionArn: z.string().min(1),
  staged: z.object({
    key: z.string().min(1),
    fileKind: z.enum(['fastq', 'vcf', 'bam']),
    sampleId: z.string().min(1),
    stagedKey: z.string().min(1),
    sourceEtag: z.string(),
    outputChecksum: z.string().regex(/^[0-9a-f]{64}$/),
    latencyMs: z.number().nonnegative(),
    bytesRead: z.number().nonnegative(),
    highlights: z.object({ kind: z.string() }).passthrough(),
  }),
  review: z.object({ decision: z.literal('approved'), reviewId: z.string().min(1) }).passthrough(),
});

/** FASTQ and VCF documents carry `stats`; BAM documents carry `header` and have no table row. */
const statsDocument = z.object({ stats: z.unknown().optional() }).passthrough();

/**
 * Releases approved statistics: re-checks the decision in the review table (the task output alone is not
 * trusted), verifies the staged JSON still has the checksum that was reviewed, writes it to its released
 * key and its row to the analytics table, deletes staging, and writes the lineage record.
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const { staged, review } = event;
  const task = await getTask(reviews, review.reviewId);
  const final = task.final;
  if (task.object_key !== staged.key || final?.decision !== 'approved') {
    throw new PermanentError(`review ${review.reviewId} does not approve ${staged.key}`);
  }
  if (task.policy.requireDistinctApprover && (!final.approver || final.approver === final.reviewer)) {
    throw new PermanentError(`review ${review.reviewId} lacks a distinct approver`);
  }

  const bytes = await writer.getBytes(staged.stagedKey, MAX_STATS_BYTES);
  const checksum = createHash('sha256').update(bytes).digest('hex');
  if (checksum !== staged.outputChecksum) {
    throw new PermanentError(`staged statistics of ${staged.key} changed after review; not releasing them`);
  }
  const released = await writer.putBytes(
    releasedKey(staged.key, staged.fileKind),
    bytes,
    'application/json; charset=utf-8',
  );
  const outputs = [released.key];
  const now = new Date();
  const { stats } = statsDocument.parse(JSON.parse(bytes.toString('utf8')));
  if (staged.fileKind === 'fastq') {
    const row = qcRow(staged.sampleId, staged.key, stats as FastqStats, now);
    outputs.push((await tables.putText(tableRowKey(TABLE_PREFIXES.qc, staged.key), `${JSON.stringify(row)}\n`)).key);
  } else if (staged.fileKind === 'vcf') {
    const row = variantRow(staged.sampleId, staged.key, stats as VcfStats, now);
    outputs.push(
      (await tables.putText(tableRowKey(TABLE_PREFIXES.variants, staged.key), `${JSON.stringify(row)}\n`)).key,
    );
  }
  await s3.send(new DeleteObjectCommand({ Bucket: outputBucket, Key: writer.keyFor(staged.stagedKey) }));

  await recordLineage(lineage, {
    source_file_key: staged.key,
    step_functions_execution_arn: event.executionArn,
    uc_id: SERVICE_ID,
    output_keys: outputs,
    status: 'success',
    duration_ms: Math.round(staged.latencyMs),
    output_checksum: checksum,
    uc_template_version: TEMPLATE_VERSION,
    retention_profile: config.LINEAGE_RETENTION,
    metadata: {
      reviewId: review.reviewId,
      reviewer: final.reviewer,
      approver: final.approver,
      sourceEtag: staged.sourceEtag,
      fileKind: staged.fileKind,
    },
  });
  ctx.log.info({ key: staged.key, reviewId: review.reviewId }, 'released');
  const { qcPassed } = staged.highlights;
  return succeeded(staged.key, {
    outputs,
    reviewed: true,
    metrics: {
      latencyMs: staged.latencyMs,
      bytesRead: staged.bytesRead,
      ...(typeof qcPassed === 'boolean' ? { qcPassed: qcPassed ? 1 : 0 } : {}),
    },
  });
});
