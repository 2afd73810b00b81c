import { createHash } from 'node:crypto';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { getTask } from '@fsxn/human-review';
import { createHandler, documentClient, outputWriterOf, PermanentError, s3Of, sfnClient } from '@fsxn/lambda-kit';
import { recordLineage } from '@fsxn/lineage';
import { succeeded } from '@fsxn/pipeline';
import { bucketOf } from '@fsxn/s3ap';
import { z } from 'zod';
import { releaseOutputConfig, SERVICE_ID, TEMPLATE_VERSION } from '../config';
import { releasedKey, summaryKeyOf } from '../outputs';

const config = releaseOutputConfig();
const s3 = s3Of(config);
const writer = outputWriterOf(config, s3);
const outputBucket = bucketOf(config.OUTPUT_ACCESS_POINT);
const db = documentClient();
const reviews = { db, sfn: sfnClient(), tableName: config.REVIEW_TABLE };
const lineage = { db, tableName: config.LINEAGE_TABLE };

const eventSchema = z.object({
  executionArn: z.string().min(1),
  staged: z.object({
    key: z.string().min(1),
    stagedKey: z.string().min(1),
    summaryKey: z.string().min(1),
    inputChecksum: z.string().regex(/^[0-9a-f]{64}$/),
    outputChecksum: z.string().regex(/^[0-9a-f]{64}$/),
    latencyMs: z.number().nonnegative(),
    phi: z.object({ attributeCount: z.number(), textFindingCount: z.number() }).passthrough(),
    classification: z.object({ modalityCategory: z.string() }).passthrough(),
  }),
  review: z.object({ decision: z.literal('approved'), reviewId: z.string().min(1) }).passthrough(),
});

/**
 * Releases an approved file: re-checks the decision in the review table (the task output alone is not
 * trusted), copies the staged bytes to the released key after verifying their checksum, deletes staging,
 * and writes the lineage record.
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

  const bytes = await writer.getBytes(staged.stagedKey, config.MAX_FILE_BYTES);
  if (createHash('sha256').update(bytes).digest('hex') !== staged.outputChecksum) {
    throw new PermanentError(`staged output of ${staged.key} changed after review; not releasing it`);
  }
  const summary = await writer.getBytes(staged.summaryKey, 4 * 1024 * 1024);
  const outKey = releasedKey(staged.key);
  const released = await writer.putBytes(outKey, bytes, 'application/dicom');
  const releasedSummary = await writer.putBytes(summaryKeyOf(outKey), summary, 'application/json; charset=utf-8');
  for (const key of [staged.stagedKey, staged.summaryKey]) {
    await s3.send(new DeleteObjectCommand({ Bucket: outputBucket, Key: writer.keyFor(key) }));
  }

  const outputs = [released.key, releasedSummary.key];
  await recordLineage(lineage, {
    source_file_key: staged.key,
    step_functions_execution_arn: event.executionArn,
    uc_id: SERVICE_ID,
    output_keys: outputs,
    status: 'success',
    duration_ms: Math.round(staged.latencyMs),
    input_checksum: staged.inputChecksum,
    output_checksum: staged.outputChecksum,
    uc_template_version: TEMPLATE_VERSION,
    retention_profile: config.LINEAGE_RETENTION,
    metadata: { reviewId: review.reviewId, reviewer: final.reviewer, approver: final.approver },
  });
  ctx.log.info({ key: staged.key, reviewId: review.reviewId }, 'released');
  return succeeded(staged.key, {
    outputs,
    reviewed: true,
    metrics: {
      latencyMs: staged.latencyMs,
      phiAttributes: staged.phi.attributeCount,
      phiTextFindings: staged.phi.textFindingCount,
      classified: staged.classification.modalityCategory === 'other' ? 0 : 1,
    },
  });
});
