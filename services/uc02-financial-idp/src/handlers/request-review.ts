import { createReviewTask } from '@fsxn/human-review';
import { createHandler, documentClient, sfnClient } from '@fsxn/lambda-kit';
import { z } from 'zod';
import { requestReviewConfig, SERVICE_ID } from '../config';
import { REVIEW_POLICY } from '../review-policy';
import { type StagedDocument, stagedSchema } from '../staged';

const config = requestReviewConfig();
const deps = { db: documentClient(), sfn: sfnClient(), tableName: config.REVIEW_TABLE, policyFor: () => REVIEW_POLICY };

const eventSchema = z.object({
  taskToken: z.string().min(1),
  executionArn: z.string().min(1),
  staged: stagedSchema,
});

const percent = (n: number) => `${Math.round(n * 100)} %`;

/** What the reviewer reads first: why the document is here and what was extracted. */
export const reviewSummaryOf = (staged: StagedDocument): string =>
  [
    `${staged.documentType === 'unknown' ? 'Unrecognised document' : `Document type: ${staged.documentType}`}, ${staged.pages} page(s), text by ${staged.textProvider}.`,
    `Extraction confidence ${percent(staged.confidence.value)} (text ${percent(staged.confidence.text)}, required fields ${percent(staged.confidence.fields)}), below the ${percent(REVIEW_POLICY.confidenceThreshold)} threshold.`,
    staged.confidence.missingFields.length > 0
      ? `Missing: ${staged.confidence.missingFields.join(', ')}.`
      : 'All required fields were found.',
    ...staged.highlights,
    `Staged summary (under the output prefix): ${staged.stagedKey}; released to ${staged.outputKey} on approval.`,
  ].join('\n');

/**
 * Behind `lambda:invoke.waitForTaskToken`: stores a PENDING review that holds the task token. The
 * execution stays paused until a reviewer and a different approver decide (see @fsxn/human-review).
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const { staged } = event;
  const { reviewId, created } = await createReviewTask(deps, {
    taskToken: event.taskToken,
    useCaseId: SERVICE_ID,
    objectKey: staged.key,
    executionArn: event.executionArn,
    confidence: staged.confidence.value,
    summary: reviewSummaryOf(staged),
    proposedOutputKey: staged.stagedKey,
  });
  ctx.log.info({ reviewId, created, key: staged.key }, 'review requested');
  return { reviewId };
});
