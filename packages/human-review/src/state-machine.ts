import { DecisionConflictError, SeparationOfDutiesError, UnauthorizedActionError } from './errors';
import {
  type Actor,
  type AuditAction,
  type AuditEntry,
  type Decision,
  FINAL_STATUSES,
  type ReviewTaskView,
  type Role,
} from './model';

export type ReviewAction =
  | { readonly type: 'decide'; readonly decision: Decision; readonly actor: Actor; readonly comment: string }
  | { readonly type: 'cancel'; readonly actor: Actor; readonly comment: string };

/** What the execution waiting on the task token must be told. */
export type Callback =
  | { readonly kind: 'success'; readonly output: ApprovalOutput }
  | { readonly kind: 'failure'; readonly error: 'ReviewRejected' | 'ReviewCancelled'; readonly cause: string };

export interface ApprovalOutput {
  readonly decision: 'approved';
  readonly reviewId: string;
  readonly reviewer: string;
  readonly approver: string;
  readonly decidedAt: string;
  readonly comment: string;
}

export interface Transition {
  readonly next: ReviewTaskView;
  readonly callback: Callback | null;
}

const has = (actor: Actor, role: Role) => actor.roles.includes(role);

/**
 * The review state machine, free of I/O so every rule can be tested exhaustively:
 * - PENDING at level 1: a `reviewer` (or `approver`) records approve / reject / escalate; the assigned
 *   reviewer, when set, is the only one who may. Level 2 and up (after an escalation) needs an `approver`.
 * - Two-step policy: an approval recommendation moves the task to REVIEWED; only an `approver` whose
 *   identity never recommended approval on this item may then approve (release), reject or escalate.
 * - Single-step policy: the first approval is final (reviewer = approver = the actor).
 * - A rejection is final at any step (nothing is released); escalation returns the task to PENDING one
 *   level up, clearing the current recommendation; `operator`s may cancel any open task.
 * - `auditor`s read but never decide.
 */
export const transition = (task: ReviewTaskView, action: ReviewAction, now: Date): Transition => {
  if (FINAL_STATUSES.includes(task.status)) {
    const who = task.final
      ? ` by ${task.final.approver ?? task.final.reviewer ?? 'an operator'} at ${task.final.decided_at}`
      : '';
    throw new DecisionConflictError(`review ${task.review_id} is already ${task.status}${who}`);
  }
  const at = now.toISOString();
  if (action.type === 'cancel') return cancel(task, action, at);
  if (task.status === 'REVIEWED') return finalStep(task, action, at);
  return reviewStep(task, action, at);
};

const cancel = (task: ReviewTaskView, action: Extract<ReviewAction, { type: 'cancel' }>, at: string): Transition => {
  if (!has(action.actor, 'operator'))
    throw new UnauthorizedActionError(`${action.actor.id} needs the operator role to cancel a review`);
  const next = advance(
    task,
    at,
    {
      status: 'CANCELLED',
      final: {
        decision: 'cancelled',
        reviewer: task.review?.reviewer_id ?? null,
        approver: null,
        decided_at: at,
        comment: action.comment,
      },
    },
    audit(task, action.actor.id, 'operator', 'cancelled', null, action.comment, at, false),
  );
  return settle(next);
};

const reviewStep = (
  task: ReviewTaskView,
  action: Extract<ReviewAction, { type: 'decide' }>,
  at: string,
): Transition => {
  const { actor, decision, comment } = action;
  const role = stepOneRole(task, actor);
  if (decision === 'escalated') return escalate(task, actor.id, role, comment, at);
  if (decision === 'rejected') return reject(task, actor.id, role, comment, at, actor.id, null);
  if (!task.policy.requireDistinctApprover) {
    const next = advance(
      task,
      at,
      {
        status: 'APPROVED',
        reviewers: [...task.reviewers, actor.id],
        review: { reviewer_id: actor.id, comment, at },
        final: { decision: 'approved', reviewer: actor.id, approver: actor.id, decided_at: at, comment },
      },
      audit(task, actor.id, role, 'approved', 'approved', comment, at, false),
    );
    return settle(next);
  }
  const next = advance(
    task,
    at,
    {
      status: 'REVIEWED',
      reviewers: task.reviewers.includes(actor.id) ? task.reviewers : [...task.reviewers, actor.id],
      review: { reviewer_id: actor.id, comment, at },
    },
    audit(task, actor.id, role, 'reviewed', 'approved', comment, at, false),
  );
  return settle(next);
};

/** The role under which an actor may take the first step at the task's level. */
const stepOneRole = (task: ReviewTaskView, actor: Actor): Role => {
  if (has(actor, 'reviewer') && task.level === 1) {
    if (task.assigned_reviewer !== null && task.assigned_reviewer !== actor.id) {
      throw new UnauthorizedActionError(`review ${task.review_id} is assigned to another reviewer`);
    }
    return 'reviewer';
  }
  if (has(actor, 'approver')) return 'approver';
  throw new UnauthorizedActionError(
    task.level === 1
      ? `${actor.id} needs the reviewer or approver role to review`
      : `${actor.id} needs the approver role to review an item escalated to level ${task.level}`,
  );
};

const finalStep = (task: ReviewTaskView, action: Extract<ReviewAction, { type: 'decide' }>, at: string): Transition => {
  const { actor, decision, comment } = action;
  if (!has(actor, 'approver'))
    throw new UnauthorizedActionError(`${actor.id} needs the approver role to decide a reviewed item`);
  if (task.reviewers.includes(actor.id)) {
    throw new SeparationOfDutiesError(
      `${actor.id} reviewed ${task.review_id} and therefore cannot also make the final decision`,
    );
  }
  const reviewer = task.review?.reviewer_id ?? '';
  if (decision === 'escalated') return escalate(task, actor.id, 'approver', comment, at);
  if (decision === 'rejected') return reject(task, actor.id, 'approver', comment, at, reviewer, actor.id);
  const next = advance(
    task,
    at,
    {
      status: 'APPROVED',
      final: { decision: 'approved', reviewer, approver: actor.id, decided_at: at, comment },
    },
    audit(task, actor.id, 'approver', 'approved', 'approved', comment, at, false),
  );
  return settle(next);
};

const escalate = (task: ReviewTaskView, actorId: string, role: Role, comment: string, at: string): Transition => {
  const entry = audit(task, actorId, role, 'escalated', 'escalated', comment, at, true);
  const next = advance(
    task,
    at,
    { status: 'PENDING', level: task.level + 1, review: null, escalation_required: true },
    entry,
  );
  return settle(next);
};

const reject = (
  task: ReviewTaskView,
  actorId: string,
  role: Role,
  comment: string,
  at: string,
  reviewer: string,
  approver: string | null,
): Transition => {
  const next = advance(
    task,
    at,
    {
      status: 'REJECTED',
      final: { decision: 'rejected', reviewer, approver, decided_at: at, comment },
    },
    audit(task, actorId, role, 'rejected', 'rejected', comment, at, task.escalation_required),
  );
  return settle(next);
};

const settle = (next: ReviewTaskView): Transition => ({ next, callback: callbackFor(next) });

/** The message a final task owes its execution (null while the task is open). */
export const callbackFor = (task: ReviewTaskView): Callback | null => {
  const final = task.final;
  if (final === null) return null;
  if (final.decision === 'approved') {
    return {
      kind: 'success',
      output: {
        decision: 'approved',
        reviewId: task.review_id,
        reviewer: final.reviewer ?? '',
        approver: final.approver ?? '',
        decidedAt: final.decided_at,
        comment: final.comment,
      },
    };
  }
  const by = final.approver ?? final.reviewer ?? 'an operator';
  return final.decision === 'rejected'
    ? { kind: 'failure', error: 'ReviewRejected', cause: final.comment || `rejected by ${by}` }
    : { kind: 'failure', error: 'ReviewCancelled', cause: final.comment || 'cancelled by an operator' };
};

const advance = (
  task: ReviewTaskView,
  at: string,
  changes: Partial<ReviewTaskView>,
  entry: AuditEntry,
): ReviewTaskView => {
  const next = { ...task, ...changes, updated_at: at, version: task.version + 1, audit: [...task.audit, entry] };
  return FINAL_STATUSES.includes(next.status) ? { ...next, callback_status: 'PENDING' } : next;
};

/** Builds the audit record of one action on a task. */
export const audit = (
  task: ReviewTaskView,
  actorId: string,
  role: Role | 'system',
  action: AuditAction,
  decision: Decision | null,
  comment: string,
  at: string,
  escalation: boolean,
): AuditEntry => ({
  sequence: task.audit.length + 1,
  review_id: task.review_id,
  use_case_id: task.use_case_id,
  object_key: task.object_key,
  ai_output_id: task.ai_output_id,
  reviewer_id: actorId,
  actor_role: role,
  action,
  review_timestamp: at,
  review_decision: decision,
  review_comment: comment,
  confidence_score: task.confidence,
  escalation_required: escalation,
  retention_period: task.policy.retentionPeriod,
  level: action === 'escalated' ? task.level + 1 : task.level,
});
