import { createReviewTask } from '@fsxn/human-review';
import { createHandler, documentClient, sfnClient } from '@fsxn/lambda-kit';
import { z } from 'zod';
import { requestReviewConfig, SERVICE_ID } from '../config';

const config = requestReviewConfig();
const deps = { db: documentClient(), sfn: sfnClient(), tableName: config.REVIEW_TABLE };

const eventSchema = z.object({
  taskToken: z.string().min(1),
  executionArn: z.string().min(1),
  staged: z.object({
    key: z.string().min(1),
    stagedKey: z.string().min(1),
    summaryKey: z.string().min(1),
    phi: z.object({
      attributeCount: z.number(),
      textFindingCount: z.number(),
      textFindingTypes: z.array(z.string()),
      privateAttributeCount: z.number(),
      burnedInAnnotation: z.boolean(),
      burnedInText: z.union([
        z.object({ checked: z.literal(true), lines: z.number() }),
        z.object({ checked: z.literal(false), reason: z.string() }),
      ]),
    }),
    classification: z.object({ modalityCode: z.string(), modalityCategory: z.string(), bodyPart: z.string() }),
  }),
});

/**
 * Behind `lambda:invoke.waitForTaskToken`: stores a PENDING review that holds the task token. The
 * execution stays paused until a reviewer and a different approver decide (see @fsxn/human-review).
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const { staged } = event;
  const { phi, classification } = staged;
  const summary = [
    `De-identified ${classification.modalityCategory} (${classification.modalityCode}, ${classification.bodyPart}).`,
    `${phi.attributeCount} profile attributes acted on, ${phi.privateAttributeCount} private attributes removed.`,
    `Free-text PHI findings: ${phi.textFindingCount}${phi.textFindingTypes.length ? ` (${phi.textFindingTypes.join(', ')})` : ''}.`,
    phi.burnedInAnnotation
      ? 'Burned-in annotation: YES - check the pixels before approving.'
      : 'Burned-in annotation: not flagged.',
    `Staged output (under the output prefix): ${staged.stagedKey}, change summary ${staged.summaryKey}.`,
  ].join('\n');
  const { reviewId, created } = await createReviewTask(deps, {
    taskToken: event.taskToken,
    useCaseId: SERVICE_ID,
    objectKey: staged.key,
    executionArn: event.executionArn,
    summary,
    proposedOutputKey: staged.stagedKey,
  });
  ctx.log.info({ reviewId, created, key: staged.key }, 'review requested');
  return { reviewId };
});
