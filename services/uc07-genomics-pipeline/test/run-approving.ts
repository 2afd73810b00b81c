import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { decide, reviewIdFor } from '@fsxn/human-review';
import { localClientConfig, type RunResult, type ServiceStack } from '@fsxn/local-stack';
import { expect } from 'vitest';

export interface Report {
  counts: { discovered: number; succeeded: number; failed: number; skipped: number };
  items: { key: string; status: string; reason?: string }[];
}

/** Runs one execution, approving each review it waits for (reviewer and approver are different people). */
export const runApproving = async (stack: ServiceStack, input?: unknown): Promise<Report> => {
  const deps = {
    db: DynamoDBDocumentClient.from(stack.dynamodb.client()),
    sfn: new SFNClient(localClientConfig(stack.info.endpoints.sfn)),
    tableName: stack.info.tables.ReviewTable ?? 'missing',
  };
  const approve = async (payload: { executionArn: string; staged: { key: string } }) => {
    const reviewId = reviewIdFor(payload.executionArn, payload.staged.key);
    await decide(deps, { reviewId, decision: 'approved', actor: { id: 'reviewer-1', roles: ['reviewer'] } });
    await decide(deps, { reviewId, decision: 'approved', actor: { id: 'approver-1', roles: ['approver'] } });
  };
  const approvals: Promise<void>[] = [];
  const result: RunResult = await stack.run({
    input,
    onEvent: (event) => {
      if (event.type === 'waiting-for-task-token')
        approvals.push(approve(event.payload as Parameters<typeof approve>[0]));
    },
  });
  await Promise.all(approvals);
  expect(result.status).toBe('SUCCEEDED');
  return result.output as Report;
};
