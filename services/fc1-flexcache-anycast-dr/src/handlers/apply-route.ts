import { getTask } from '@fsxn/human-review';
import { createHandler, documentClient, sfnClient } from '@fsxn/lambda-kit';
import { z } from 'zod';
import { reviewConfig, SERVICE_ID } from '../config';
import { ApprovalMismatch } from '../domain/errors';
import { tablesOf } from '../runtime';
import { type Actor, applyRouteChange } from '../steps/routing-table';
import { changeSchema, executionArn } from './events';
import { approvalObjectKey } from './request-approval';

const config = reviewConfig();
const db = documentClient();
const tables = tablesOf(config, db);
const reviews = { db, sfn: sfnClient(), tableName: config.REVIEW_TABLE };
const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME ?? `${SERVICE_ID}-applyRoute`;

/**
 * Moves the active route (conditional on the version the decision read) and writes the audit event. With
 * an approval, the decision is re-read from the review table (the task output alone is not trusted) and
 * the approvers become the "who" of the event.
 */
export const handler = createHandler(
  {
    service: SERVICE_ID,
    schema: z.object({
      executionArn,
      change: changeSchema,
      approval: z
        .object({ decision: z.literal('approved'), reviewId: z.string().min(1) })
        .passthrough()
        .optional(),
    }),
  },
  async (event, ctx) => {
    const { change, approval } = event;
    let who: Actor = { type: 'automation', executionArn: event.executionArn, functionName };
    if (approval !== undefined) {
      const task = await getTask(reviews, approval.reviewId);
      const final = task.final;
      if (task.object_key !== approvalObjectKey(change) || final?.decision !== 'approved')
        throw new ApprovalMismatch(`review ${approval.reviewId} does not approve this route change`);
      if (!final.approver || final.approver === final.reviewer)
        throw new ApprovalMismatch(`review ${approval.reviewId} lacks a distinct approver`);
      who = {
        type: 'approval',
        executionArn: event.executionArn,
        functionName,
        reviewId: approval.reviewId,
        reviewer: final.reviewer ?? '',
        approver: final.approver,
      };
    }
    const audit = await applyRouteChange(tables, change, who, new Date().toISOString());
    ctx.metrics.addMetric('RouteChanges', 'Count', 1);
    ctx.log.info(
      { from: change.from?.endpointId ?? null, to: change.to.endpointId, version: audit.version },
      'route changed',
    );
    return audit;
  },
);
