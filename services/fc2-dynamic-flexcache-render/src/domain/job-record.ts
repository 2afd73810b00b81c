/** Life of one render job, as its DynamoDB record tracks it. */
export const JOB_STATES = ['CREATING', 'READY', 'PROCESSING', 'CLEANING', 'DONE', 'FAILED'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** Which state may follow which (a retried step may repeat its own state). */
export const TRANSITIONS: Readonly<Record<JobState, readonly JobState[]>> = {
  CREATING: ['CREATING', 'READY', 'CLEANING'],
  READY: ['READY', 'PROCESSING', 'CLEANING'],
  PROCESSING: ['PROCESSING', 'CLEANING'],
  CLEANING: ['CLEANING', 'DONE', 'FAILED'],
  DONE: [],
  FAILED: [],
};

export const canMove = (from: JobState, to: JobState): boolean => TRANSITIONS[from].includes(to);

export interface JobRecord {
  readonly jobId: string;
  readonly state: JobState;
  /** The execution that owns the job (and its cache) right now. */
  readonly owner: string;
  readonly attempt: number;
  /** Epoch seconds after which another execution may take over a job stuck in a non-final state. */
  readonly leaseExpiresAt: number;
  readonly cacheName: string;
  readonly updatedAt: string;
  readonly reportKey?: string;
  readonly manifestKey?: string;
  readonly error?: string;
  readonly progress?: { readonly files: number; readonly bytes: number; readonly failed: number };
}

/** What a new execution of a job id may do, given the record it found (or none). */
export type ClaimDecision =
  | { readonly action: 'create' }
  /** The same execution asked again (a retried step). */
  | { readonly action: 'continue' }
  /** The job finished before: nothing to do, no second cache. */
  | { readonly action: 'already-done'; readonly record: JobRecord }
  /** A failed job, or one whose owner's lease ran out: take it over (its cache, if any, is reused). */
  | { readonly action: 'take-over'; readonly previous: JobRecord }
  | { readonly action: 'refuse'; readonly reason: string };

/**
 * Re-run rules by job id: DONE is never redone; FAILED may be retried by a new execution; an unfinished
 * job belongs to its owner until the lease runs out (so two concurrent starts never both create).
 */
export const decideClaim = (
  existing: JobRecord | undefined,
  executionArn: string,
  nowEpochSeconds: number,
): ClaimDecision => {
  if (existing === undefined) return { action: 'create' };
  if (existing.owner === executionArn) return { action: 'continue' };
  if (existing.state === 'DONE') return { action: 'already-done', record: existing };
  if (existing.state === 'FAILED') return { action: 'take-over', previous: existing };
  if (existing.leaseExpiresAt <= nowEpochSeconds) return { action: 'take-over', previous: existing };
  return {
    action: 'refuse',
    reason: `job "${existing.jobId}" is ${existing.state} in execution ${existing.owner} (lease until ${new Date(
      existing.leaseExpiresAt * 1000,
    ).toISOString()})`,
  };
};
