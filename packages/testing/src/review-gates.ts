import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Actor, decide, type ReviewDeps, reviewIdFor } from '@fsxn/human-review';
import { localClientConfig, type RunEvent, type RunResult, type ServiceStack } from '@fsxn/local-stack';
import { expect } from 'vitest';

/** The two people who sign a review off: a reviewer, then an approver with a different identity. */
export interface GateApprovers {
  readonly reviewer: Actor;
  readonly approver: Actor;
}

export const DEFAULT_APPROVERS: GateApprovers = {
  reviewer: { id: 'reviewer-1', roles: ['reviewer'] },
  approver: { id: 'approver-1', roles: ['approver'] },
};

/** `decide`'s dependencies against a running local stack: its review table and its task-token API. */
export const reviewDepsOf = (stack: ServiceStack): ReviewDeps => ({
  db: DynamoDBDocumentClient.from(stack.dynamodb.client()),
  sfn: new SFNClient(localClientConfig(stack.info.endpoints.sfn)),
  tableName: stack.info.tables.ReviewTable ?? 'missing',
});

/** The execution and the staged output a review gate's payload names (the request-review task's input). */
const gateSubjectOf = (payload: unknown): { executionArn: string; key: string } => {
  if (typeof payload === 'object' && payload !== null && 'executionArn' in payload && 'staged' in payload) {
    const { executionArn, staged } = payload;
    if (typeof executionArn === 'string' && typeof staged === 'object' && staged !== null && 'key' in staged) {
      if (typeof staged.key === 'string') return { executionArn, key: staged.key };
    }
  }
  throw new Error('review gate payload has no executionArn and staged.key');
};

export interface GateApproval {
  /** Pass as `stack.run({ onEvent })`: every `.waitForTaskToken` wait is approved as it starts. */
  readonly onEvent: (event: RunEvent) => void;
  /** Waits for every decision sent so far (a failed decision rejects); resolves to the number of gates. */
  readonly settled: () => Promise<number>;
}

/**
 * Approves every review gate of a run: the reviewer approves, then the approver (separation of duties).
 * `deps` is usually `reviewDepsOf(stack)`.
 */
export const approveEveryGate = (deps: ReviewDeps, approvers: GateApprovers = DEFAULT_APPROVERS): GateApproval => {
  const approvals: Promise<void>[] = [];
  const approve = async (payload: unknown) => {
    const { executionArn, key } = gateSubjectOf(payload);
    const reviewId = reviewIdFor(executionArn, key);
    await decide(deps, { reviewId, decision: 'approved', actor: approvers.reviewer });
    await decide(deps, { reviewId, decision: 'approved', actor: approvers.approver });
  };
  return {
    onEvent: (event) => {
      if (event.type === 'waiting-for-task-token') approvals.push(approve(event.payload));
    },
    settled: async () => {
      await Promise.all(approvals);
      return approvals.length;
    },
  };
};

/** The parts of a run report that end-to-end tests read. */
export interface ApprovedRunReport {
  counts: { discovered: number; succeeded: number; failed: number; skipped: number };
  items: { key: string; status: string; reason?: string }[];
}

/** Runs one execution approving every review gate it waits at; expects it to succeed and returns its report. */
export const runApproving = async (
  stack: ServiceStack,
  input?: unknown,
  approvers: GateApprovers = DEFAULT_APPROVERS,
): Promise<ApprovedRunReport> => {
  const gates = approveEveryGate(reviewDepsOf(stack), approvers);
  const result: RunResult = await stack.run({ input, onEvent: gates.onEvent });
  await gates.settled();
  expect(result.status).toBe('SUCCEEDED');
  return result.output as ApprovedRunReport;
};
