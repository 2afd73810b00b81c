import { createReviewTask } from '@fsxn/human-review';
import { createHandler, documentClient, sfnClient } from '@fsxn/lambda-kit';
import { z } from 'zod';
import { requestReviewConfig, SERVICE_ID } from '../config';
import { UC1_REVIEW_POLICY } from '../review-policy';

const config = requestReviewConfig();
const deps = {
  db: documentClient(),
  sfn: sfnClient(),
  tableName: config.REVIEW_TABLE,
  policyFor: () => UC1_REVIEW_POLICY,
};

const counts = z.object({ CRITICAL: z.number(), HIGH: z.number(), MEDIUM: z.number(), LOW: z.number() });

const eventSchema = z.object({
  taskToken: z.string().min(1),
  executionArn: z.string().min(1),
  volume: z.object({ svmName: z.string(), volumeName: z.string() }).passthrough(),
  analysis: z.object({
    counts,
    total: z.number(),
    draftKey: z.string().min(1),
    findingsKey: z.string().min(1),
    review: z.object({ reason: z.string() }),
  }),
});

/**
 * Behind `lambda:invoke.waitForTaskToken`: a run with CRITICAL findings stores a PENDING review of its draft
 * report (holding the task token); the report is published only after a person approves it.
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const { analysis, volume } = event;
  const { CRITICAL, HIGH, MEDIUM, LOW } = analysis.counts;
  const summary = [
    `ACL audit of ${volume.svmName}:${volume.volumeName}: ${analysis.total} findings.`,
    `CRITICAL ${CRITICAL}, HIGH ${HIGH}, MEDIUM ${MEDIUM}, LOW ${LOW}.`,
    'CRITICAL = full control for Everyone or Authenticated Users: confirm before the report goes out.',
    `Draft report: ${analysis.draftKey}; all findings: ${analysis.findingsKey}.`,
  ].join('\n');
  const { reviewId, created } = await createReviewTask(deps, {
    taskToken: event.taskToken,
    useCaseId: SERVICE_ID,
    objectKey: analysis.draftKey,
    executionArn: event.executionArn,
    summary,
    proposedOutputKey: analysis.draftKey,
  });
  ctx.log.info({ reviewId, created }, 'review requested');
  return { reviewId };
});
