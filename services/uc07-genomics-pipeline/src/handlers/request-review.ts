import { createReviewTask } from '@fsxn/human-review';
import { createHandler, documentClient, sfnClient } from '@fsxn/lambda-kit';
import { z } from 'zod';
import type { Highlights } from '../analyze-file';
import { requestReviewConfig, SERVICE_ID } from '../config';
import { reviewSummary } from '../review-summary';

const config = requestReviewConfig();
const deps = { db: documentClient(), sfn: sfnClient(), tableName: config.REVIEW_TABLE };

const eventSchema = z.object({
  taskToken: z.string().min(1),
  executionArn: z.string().min(1),
  staged: z.object({
    key: z.string().min(1),
    sampleId: z.string().min(1),
    stagedKey: z.string().min(1),
    highlights: z.object({ kind: z.enum(['fastq', 'vcf', 'bam']) }).passthrough(),
  }),
});

/**
 * Behind `lambda:invoke.waitForTaskToken`: stores a PENDING review that holds the task token. UC7 is high
 * risk (100 % review): the execution stays paused until a reviewer and a different approver decide.
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const { staged } = event;
  const { reviewId, created } = await createReviewTask(deps, {
    taskToken: event.taskToken,
    useCaseId: SERVICE_ID,
    objectKey: staged.key,
    executionArn: event.executionArn,
    summary: reviewSummary(staged.key, staged.sampleId, staged.highlights as Highlights, staged.stagedKey),
    proposedOutputKey: staged.stagedKey,
  });
  ctx.log.info({ reviewId, created, key: staged.key }, 'review requested');
  return { reviewId };
});
