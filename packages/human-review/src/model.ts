import { z } from 'zod';
import { ReviewValidationError } from './errors';

export const ROLES = ['reviewer', 'approver', 'auditor', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export const DECISIONS = ['approved', 'rejected', 'escalated'] as const;
export type Decision = (typeof DECISIONS)[number];

/** PENDING: awaiting a review at `level`; REVIEWED: a reviewer recommended approval, awaiting an approver. */
export const STATUSES = ['PENDING', 'REVIEWED', 'APPROVED', 'REJECTED', 'CANCELLED'] as const;
export type ReviewStatus = (typeof STATUSES)[number];
export const FINAL_STATUSES: readonly ReviewStatus[] = ['APPROVED', 'REJECTED', 'CANCELLED'];

export const actorSchema = z.object({
  id: z.string().min(1).max(256),
  roles: z.array(z.enum(ROLES)).min(1),
});
export type Actor = z.infer<typeof actorSchema>;

export type AuditAction =
  | 'created'
  | 'token_refreshed'
  | 'reviewed'
  | 'approved'
  | 'rejected'
  | 'escalated'
  | 'cancelled';

/** One audit record (governance §9 fields plus who acted in which role, at which level, in order). */
export interface AuditEntry {
  readonly sequence: number;
  readonly review_id: string;
  readonly use_case_id: string;
  readonly object_key: string;
  readonly ai_output_id: string | null;
  /** Identity that acted (the assigned reviewer, if any, for the creation record). */
  readonly reviewer_id: string;
  readonly actor_role: Role | 'system';
  readonly action: AuditAction;
  readonly review_timestamp: string;
  /** The decision taken, null for records that are not decisions (creation, token refresh, cancel). */
  readonly review_decision: Decision | null;
  readonly review_comment: string;
  readonly confidence_score: number | null;
  readonly escalation_required: boolean;
  readonly retention_period: string;
  readonly level: number;
}

export interface ReviewStep {
  readonly reviewer_id: string;
  readonly comment: string;
  readonly at: string;
}

export interface FinalDecision {
  readonly decision: 'approved' | 'rejected' | 'cancelled';
  readonly reviewer: string | null;
  readonly approver: string | null;
  readonly decided_at: string;
  readonly comment: string;
}

/** The policy facts a task keeps from creation, so a later policy change never alters an item in flight. */
export interface PolicySnapshot {
  readonly requireDistinctApprover: boolean;
  readonly retentionPeriod: string;
  readonly riskTier: 'high' | 'standard';
}

/** A review task without its task token (what reads return). */
export interface ReviewTaskView {
  readonly review_id: string;
  readonly use_case_id: string;
  readonly use_case_key: string;
  readonly object_key: string;
  readonly execution_arn: string;
  readonly ai_output_id: string | null;
  readonly confidence: number | null;
  readonly summary: string;
  readonly proposed_output_key: string | null;
  readonly assigned_reviewer: string | null;
  readonly status: ReviewStatus;
  readonly level: number;
  readonly escalation_required: boolean;
  /** Everyone who recommended approval at any level: none of them may give the final approval. */
  readonly reviewers: readonly string[];
  readonly review: ReviewStep | null;
  readonly final: FinalDecision | null;
  readonly policy: PolicySnapshot;
  readonly created_at: string;
  readonly updated_at: string;
  readonly version: number;
  readonly audit: readonly AuditEntry[];
  readonly callback_status: 'NONE' | 'PENDING' | 'SENT' | 'FAILED';
  readonly callback_error: string | null;
}

export const createTaskInputSchema = z.object({
  taskToken: z.string().min(1).max(1024),
  useCaseId: z.string().min(1).max(128),
  objectKey: z.string().min(1).max(1024),
  executionArn: z.string().min(1).max(2048),
  aiOutputId: z.string().min(1).max(1024).optional(),
  confidence: z.number().min(0).max(1).optional(),
  summary: z.string().max(20_000),
  proposedOutputKey: z.string().min(1).max(1024).optional(),
  reviewerIdentity: z.string().min(1).max(256).optional(),
});
export type CreateTaskInput = z.input<typeof createTaskInputSchema>;

export const decideInputSchema = z.object({
  reviewId: z.string().min(1).max(128),
  decision: z.enum(DECISIONS),
  actor: actorSchema,
  comment: z.string().max(10_000).default(''),
});
export type DecideInput = z.input<typeof decideInputSchema>;

export const cancelInputSchema = z.object({
  reviewId: z.string().min(1).max(128),
  actor: actorSchema,
  comment: z.string().max(10_000).default(''),
});
export type CancelInput = z.input<typeof cancelInputSchema>;

/** Parses with a schema, turning a zod failure into a `ReviewValidationError` naming each bad field (never echoing values). */
export const parseWith = <S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> => {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ReviewValidationError(`invalid ${what}: ${issues}`);
  }
  return result.data;
};
