import { createReviewTask } from '@fsxn/human-review';
import { createHandler, documentClient, sfnClient } from '@fsxn/lambda-kit';
import { z } from 'zod';
import { reviewConfig, SERVICE_ID } from '../config';
import { routeChangePolicy } from '../runtime';
import { changeSchema, executionArn } from './events';

const config = reviewConfig();
const deps = { db: documentClient(), sfn: sfnClient(), tableName: config.REVIEW_TABLE, policyFor: routeChangePolicy };

/** The review's object: the route version the change would produce (one review per planned change). */
export const approvalObjectKey = (change: z.output<typeof changeSchema>) =>
  `route/active/v${change.expectedVersion + 1}/${change.from?.endpointId ?? 'none'}->${change.to.endpointId}`;

/**
 * Behind `lambda:invoke.waitForTaskToken` (compliance profile): stores a PENDING review holding the task
 * token. The route does not move until a reviewer and a different approver approve it.
 */
export const handler = createHandler(
  { service: SERVICE_ID, schema: z.object({ taskToken: z.string().min(1), executionArn, change: changeSchema }) },
  async (event, ctx) => {
    const { change } = event;
    const summary = [
      `Route change: ${change.from?.endpointId ?? '(no route)'} -> ${change.to.endpointId} (${change.to.accessPoint}).`,
      `Why: ${change.reason}.`,
      ...change.failedChecks.map((c) => `Failed: ${c}`),
      `Chosen by strategy ${change.strategy} (seed ${change.seed}); replaces route version ${change.expectedVersion}.`,
    ].join('\n');
    const { reviewId, created } = await createReviewTask(deps, {
      taskToken: event.taskToken,
      useCaseId: SERVICE_ID,
      objectKey: approvalObjectKey(change),
      executionArn: event.executionArn,
      summary,
    });
    ctx.log.info({ reviewId, created, to: change.to.endpointId }, 'route change approval requested');
    return { reviewId };
  },
);
