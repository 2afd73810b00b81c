import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { SFNClient } from '@aws-sdk/client-sfn';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { PERMANENT_CALLBACK_ERRORS, sendCallback } from './callback';
import { DecisionConflictError, HumanReviewError, ReviewNotFoundError } from './errors';
import {
  type AuditEntry,
  type CancelInput,
  type CreateTaskInput,
  cancelInputSchema,
  createTaskInputSchema,
  type DecideInput,
  decideInputSchema,
  FINAL_STATUSES,
  parseWith,
  type ReviewTaskView,
} from './model';
import { canonicalUseCaseId, type ReviewPolicy, reviewPolicyFor } from './policy';
import { audit, callbackFor, type ReviewAction, transition } from './state-machine';
import { OPEN_BUCKET, OPEN_INDEX, USE_CASE_INDEX } from './table';

export interface ReviewDeps {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Locally its endpoint is the local stack's task-token API (`AWS_ENDPOINT_URL_SFN`). */
  readonly sfn: SFNClient;
  readonly now?: () => Date;
  /** Policy lookup; `reviewPolicyFor` (the 17 use cases) by default. */
  readonly policyFor?: (useCaseId: string) => ReviewPolicy;
}

/** A stored task: the view plus its task token and index attributes. */
type StoredTask = ReviewTaskView & { task_token: string; open_bucket?: string };

const clock = (deps: ReviewDeps) => (deps.now ?? (() => new Date()))();

/**
 * One review id per (execution, object, AI output): when Step Functions retries the task that created it,
 * the same review is found again instead of a duplicate being queued.
 */
export const reviewIdFor = (executionArn: string, objectKey: string, aiOutputId?: string): string =>
  `rv-${createHash('sha256')
    .update(`${executionArn}\n${objectKey}\n${aiOutputId ?? ''}`)
    .digest('hex')
    .slice(0, 24)}`;

/** Strips the token (a bearer secret) and index attributes from a stored task. */
const toView = (stored: StoredTask): ReviewTaskView => {
  const { task_token: _secret, open_bucket: _index, ...view } = stored;
  return view;
};

/** Items in this table are only ever written by this module, as `StoredTask`. */
const asStored = (item: Record<string, unknown>): StoredTask => item as unknown as StoredTask;

const readStored = async (deps: ReviewDeps, reviewId: string): Promise<StoredTask> => {
  const out = await deps.db.send(
    new GetCommand({ TableName: deps.tableName, Key: { review_id: reviewId }, ConsistentRead: true }),
  );
  if (!out.Item) throw new ReviewNotFoundError(`review ${reviewId} does not exist`);
  return asStored(out.Item);
};

/** Writes `next` only if nobody changed the task since `expectedVersion` was read. */
const writeIfUnchanged = async (
  deps: ReviewDeps,
  next: StoredTask,
  expectedVersion: number | null,
): Promise<boolean> => {
  const { open_bucket: _old, ...rest } = next;
  const item = FINAL_STATUSES.includes(next.status) ? rest : { ...rest, open_bucket: OPEN_BUCKET };
  try {
    await deps.db.send(
      new PutCommand({
        TableName: deps.tableName,
        Item: item,
        ConditionExpression: expectedVersion === null ? 'attribute_not_exists(review_id)' : 'version = :v',
        ExpressionAttributeValues: expectedVersion === null ? undefined : { ':v': expectedVersion },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw new HumanReviewError(`writing review ${next.review_id} failed`, { cause: error, transient: true });
  }
};

export interface CreateResult {
  readonly reviewId: string;
  /** False when the review already existed (a retried Step Functions task): its token was refreshed. */
  readonly created: boolean;
  readonly task: ReviewTaskView;
}

/**
 * Called by the Lambda behind a `arn:aws:states:::lambda:invoke.waitForTaskToken` task: stores a PENDING
 * review holding the token. The execution waits until `decide` sends the outcome with that token.
 */
export const createReviewTask = async (deps: ReviewDeps, input: CreateTaskInput): Promise<CreateResult> => {
  const parsed = parseWith(createTaskInputSchema, input, 'review task');
  const policy = (deps.policyFor ?? reviewPolicyFor)(parsed.useCaseId);
  const reviewId = reviewIdFor(parsed.executionArn, parsed.objectKey, parsed.aiOutputId);
  const at = clock(deps).toISOString();
  const base: ReviewTaskView = {
    review_id: reviewId,
    use_case_id: parsed.useCaseId,
    use_case_key: canonicalUseCaseId(parsed.useCaseId) ?? policy.useCaseId,
    object_key: parsed.objectKey,
    execution_arn: parsed.executionArn,
    ai_output_id: parsed.aiOutputId ?? null,
    confidence: parsed.confidence ?? null,
    summary: parsed.summary,
    proposed_output_key: parsed.proposedOutputKey ?? null,
    assigned_reviewer: parsed.reviewerIdentity ?? null,
    status: 'PENDING',
    level: 1,
    escalation_required: false,
    reviewers: [],
    review: null,
    final: null,
    policy: {
      requireDistinctApprover: policy.requireDistinctApprover,
      retentionPeriod: policy.retentionPeriod,
      riskTier: policy.riskTier,
    },
    created_at: at,
    updated_at: at,
    version: 1,
    audit: [],
    callback_status: 'NONE',
    callback_error: null,
  };
  const created = {
    ...base,
    audit: [audit(base, parsed.reviewerIdentity ?? '', 'system', 'created', null, '', at, false)],
  };
  if (await writeIfUnchanged(deps, { ...created, task_token: parsed.taskToken }, null)) {
    return { reviewId, created: true, task: created };
  }
  return { reviewId, created: false, task: await refreshToken(deps, reviewId, parsed.taskToken) };
};

/**
 * A retried waitForTaskToken task brings a new token and the old one stops working: keep the review and
 * its decisions, swap the token, and if the review was already decided, tell the new token at once.
 */
const refreshToken = async (deps: ReviewDeps, reviewId: string, taskToken: string): Promise<ReviewTaskView> => {
  const current = await readStored(deps, reviewId);
  const at = clock(deps).toISOString();
  const entry = audit(current, '', 'system', 'token_refreshed', null, '', at, current.escalation_required);
  const final = FINAL_STATUSES.includes(current.status);
  const next: StoredTask = {
    ...current,
    task_token: taskToken,
    version: current.version + 1,
    updated_at: at,
    audit: [...current.audit, entry],
    ...(final ? { callback_status: 'PENDING' as const, callback_error: null } : {}),
  };
  if (!(await writeIfUnchanged(deps, next, current.version))) {
    throw new DecisionConflictError(`review ${reviewId} changed while its task token was refreshed; retry`);
  }
  return final ? deliver(deps, next) : toView(next);
};

export interface DecisionResult {
  readonly task: ReviewTaskView;
  /** `SENT` once the execution was told; `FAILED` keeps the decision and can be resent with `redeliverCallback`. */
  readonly callback: ReviewTaskView['callback_status'];
}

/** Applies a decision exactly once: the write is conditional on the version read, so of two racing deciders one wins. */
export const decide = async (deps: ReviewDeps, input: DecideInput): Promise<DecisionResult> => {
  const parsed = parseWith(decideInputSchema, input, 'decision');
  return apply(deps, parsed.reviewId, {
    type: 'decide',
    decision: parsed.decision,
    actor: parsed.actor,
    comment: parsed.comment,
  });
};

/** Operators cancel an open review; the execution receives `ReviewCancelled`. */
export const cancelReview = async (deps: ReviewDeps, input: CancelInput): Promise<DecisionResult> => {
  const parsed = parseWith(cancelInputSchema, input, 'cancellation');
  return apply(deps, parsed.reviewId, { type: 'cancel', actor: parsed.actor, comment: parsed.comment });
};

const apply = async (deps: ReviewDeps, reviewId: string, action: ReviewAction): Promise<DecisionResult> => {
  const current = await readStored(deps, reviewId);
  const { next, callback } = transition(current, action, clock(deps));
  const stored: StoredTask = { ...next, task_token: current.task_token };
  if (!(await writeIfUnchanged(deps, stored, current.version))) {
    const now = await readStored(deps, reviewId);
    const last = now.audit.at(-1);
    const by = last ? ` (${last.action} by ${last.reviewer_id} at ${last.review_timestamp})` : '';
    throw new DecisionConflictError(
      `review ${reviewId} changed while deciding and is now ${now.status}${by}; reload and decide again`,
    );
  }
  if (callback === null) return { task: toView(stored), callback: stored.callback_status };
  const delivered = await deliver(deps, stored);
  return { task: delivered, callback: delivered.callback_status };
};

/** Sends the final outcome and records whether it arrived; the decision itself is already stored. */
const deliver = async (deps: ReviewDeps, task: StoredTask): Promise<ReviewTaskView> => {
  const callback = callbackFor(task);
  if (callback === null) return toView(task);
  let status: 'SENT' | 'FAILED' = 'SENT';
  let failure: string | null = null;
  try {
    await sendCallback(deps.sfn, task.task_token, callback);
  } catch (error) {
    status = 'FAILED';
    const name = error instanceof Error ? error.name : 'UnknownError';
    failure = PERMANENT_CALLBACK_ERRORS.has(name) ? `${name} (the execution no longer waits)` : name;
  }
  try {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: { review_id: task.review_id },
        UpdateExpression: 'SET callback_status = :s, callback_error = :e',
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':s': status, ':e': failure, ':v': task.version },
      }),
    );
  } catch (error) {
    // A newer version (a refreshed token) owns delivery from here on; anything else is worth a retry.
    if (!(error instanceof ConditionalCheckFailedException)) {
      throw new HumanReviewError(`recording the callback of review ${task.review_id} failed`, {
        cause: error,
        transient: true,
      });
    }
  }
  return { ...toView(task), callback_status: status, callback_error: failure };
};

/** Resends the outcome of a final review whose callback failed (e.g. SFN throttled). */
export const redeliverCallback = async (deps: ReviewDeps, reviewId: string): Promise<ReviewTaskView> => {
  const task = await readStored(deps, reviewId);
  if (!FINAL_STATUSES.includes(task.status))
    throw new DecisionConflictError(`review ${reviewId} is still ${task.status}`);
  if (task.callback_status === 'SENT') return toView(task);
  return deliver(deps, task);
};

/** A review without its task token. */
export const getTask = async (deps: ReviewDeps, reviewId: string): Promise<ReviewTaskView> =>
  toView(await readStored(deps, reviewId));

export interface ListOptions {
  readonly useCaseId?: string;
  readonly limit?: number;
}

/** Open reviews (PENDING or REVIEWED), oldest first, optionally for one use case. */
export const listPending = async (deps: ReviewDeps, options: ListOptions = {}): Promise<ReviewTaskView[]> => {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  const limit = options.limit ?? 100;
  do {
    const byUseCase = options.useCaseId !== undefined;
    const out = await deps.db.send(
      new QueryCommand({
        TableName: deps.tableName,
        IndexName: byUseCase ? USE_CASE_INDEX : OPEN_INDEX,
        KeyConditionExpression: byUseCase ? 'use_case_key = :k' : 'open_bucket = :k',
        FilterExpression: byUseCase ? 'attribute_exists(open_bucket)' : undefined,
        ExpressionAttributeValues: { ':k': byUseCase ? useCaseKey(options.useCaseId ?? '') : OPEN_BUCKET },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start !== undefined && items.length < limit);
  return items.slice(0, limit).map((item) => toView(asStored(item)));
};

const useCaseKey = (useCaseId: string) => canonicalUseCaseId(useCaseId) ?? useCaseId;

/** Every audit record of one review, in order. */
export const auditTrail = async (deps: ReviewDeps, reviewId: string): Promise<readonly AuditEntry[]> =>
  (await readStored(deps, reviewId)).audit;

/** Audit records of every review of a use case, ordered by time, optionally within [from, to] (ISO). */
export const auditByUseCase = async (
  deps: ReviewDeps,
  useCaseId: string,
  range: { from?: string; to?: string } = {},
): Promise<AuditEntry[]> => {
  const entries: AuditEntry[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await deps.db.send(
      new QueryCommand({
        TableName: deps.tableName,
        IndexName: USE_CASE_INDEX,
        // Tasks created after `to` cannot hold earlier records; older tasks can hold later ones.
        KeyConditionExpression: 'use_case_key = :k AND created_at <= :to',
        ExpressionAttributeValues: { ':k': useCaseKey(useCaseId), ':to': range.to ?? '9999' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) entries.push(...asStored(item).audit);
    start = out.LastEvaluatedKey;
  } while (start !== undefined);
  const from = range.from ?? '';
  const to = range.to ?? '9999';
  return entries
    .filter((e) => e.review_timestamp >= from && e.review_timestamp <= to)
    .sort((a, b) =>
      a.review_timestamp === b.review_timestamp
        ? a.review_id === b.review_id
          ? a.sequence - b.sequence
          : a.review_id < b.review_id
            ? -1
            : 1
        : a.review_timestamp < b.review_timestamp
          ? -1
          : 1,
    );
};
