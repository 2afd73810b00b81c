import { createHash } from 'node:crypto';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { getTask } from '@fsxn/human-review';
import { createHandler, documentClient, outputWriterOf, PermanentError, s3Of, sfnClient } from '@fsxn/lambda-kit';
import { recordLineage } from '@fsxn/lineage';
import { succeeded } from '@fsxn/pipeline';
import { bucketOf } from '@fsxn/s3ap';
import { z } from 'zod';
import { releaseOutputConfig, SERVICE_ID, TEMPLATE_VERSION } from '../config';
import { REVIEW_POLICY, reviewNeedOf } from '../review-policy';
import { stagedSchema } from '../staged';

const config = releaseOutputConfig();
const s3 = s3Of(config);
const writer = outputWriterOf(config, s3);
const outputBucket = bucketOf(config.OUTPUT_ACCESS_POINT);
const db = documentClient();
const reviews = { db, sfn: sfnClient(), tableName: config.REVIEW_TABLE, policyFor: () => REVIEW_POLICY };
const lineage = { db, tableName: config.LINEAGE_TABLE };
const MAX_SUMMARY_BYTES = 16 * 1024 * 1024;

const eventSchema = z.object({
  executionArn: z.string().min(1),
  staged: stagedSchema,
  /** Present when the document went through the review gate. */
  review: z
    .object({ decision: z.literal('approved'), reviewId: z.string().min(1) })
    .passthrough()
    .optional(),
});

/**
 * Releases a staged summary to `summaries/…`: a reviewed one only after re-checking the decision in the
 * review table (the task output alone is not trusted), an unreviewed one only if its confidence really
 * clears the policy threshold. Verifies the staged bytes are the ones that were scored, deletes staging
 * and writes the lineage record.
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const { staged, review } = event;
  let reviewMeta: Record<string, string> = {};
  if (review === undefined) {
    if (reviewNeedOf(staged.confidence.value).required) {
      throw new PermanentError(
        `${staged.key} has confidence ${staged.confidence.value}; it needs review before release`,
      );
    }
  } else {
    const task = await getTask(reviews, review.reviewId);
    const final = task.final;
    if (task.object_key !== staged.key || final?.decision !== 'approved') {
      throw new PermanentError(`review ${review.reviewId} does not approve ${staged.key}`);
    }
    if (task.policy.requireDistinctApprover && (!final.approver || final.approver === final.reviewer)) {
      throw new PermanentError(`review ${review.reviewId} lacks a distinct approver`);
    }
    reviewMeta = { reviewId: review.reviewId, reviewer: final.reviewer ?? '', approver: final.approver ?? '' };
  }

  const bytes = await writer.getBytes(staged.stagedKey, MAX_SUMMARY_BYTES);
  if (createHash('sha256').update(bytes).digest('hex') !== staged.outputChecksum) {
    throw new PermanentError(`staged summary of ${staged.key} changed after it was scored; not releasing it`);
  }
  const released = await writer.putBytes(staged.outputKey, bytes, 'application/json; charset=utf-8');
  await s3.send(new DeleteObjectCommand({ Bucket: outputBucket, Key: writer.keyFor(staged.stagedKey) }));

  await recordLineage(lineage, {
    source_file_key: staged.key,
    step_functions_execution_arn: event.executionArn,
    uc_id: SERVICE_ID,
    output_keys: [released.key],
    status: 'success',
    duration_ms: Math.round(staged.latencyMs),
    input_checksum: staged.inputChecksum,
    output_checksum: staged.outputChecksum,
    uc_template_version: TEMPLATE_VERSION,
    retention_profile: config.LINEAGE_RETENTION,
    metadata: {
      confidence: String(staged.confidence.value),
      textProvider: staged.textProvider,
      review: review === undefined ? 'not required' : 'approved',
      ...reviewMeta,
    },
  });
  ctx.log.info({ key: staged.key, reviewed: review !== undefined }, 'released');
  return succeeded(staged.key, {
    outputs: [released.key],
    reviewed: review !== undefined,
    metrics: {
      latencyMs: staged.latencyMs,
      bytesRead: staged.bytesRead,
      pages: staged.pages,
      confidence: staged.confidence.value,
      textConfidence: staged.confidence.text,
      fieldsComplete: staged.confidence.missingFields.length === 0 ? 1 : 0,
    },
  });
});
