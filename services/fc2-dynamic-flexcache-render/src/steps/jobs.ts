import { type OntapClient, OntapJobTimeoutError, type Submitted, waitForJob } from '@fsxn/ontap-client';

/** How a step waits on an ONTAP job: poll interval and the longest it waits before returning "pending". */
export interface JobWaitSettings {
  readonly pollMs: number;
  readonly stepWaitMs: number;
}

/** An ONTAP job a step started and the state machine watches. */
export interface SubmittedJob {
  /** Null when the work finished (or was found done) inside the submitting call. */
  readonly jobUuid: string | null;
  readonly submittedAt: string;
}

/**
 * Runs a mutation sent with `wait: false` and keeps its job: a state machine waits in a Wait state, not in
 * a sleeping Lambda.
 */
export const submitted = async (mutation: () => Promise<Submitted>, now: Date): Promise<SubmittedJob> => {
  const submittedAt = now.toISOString();
  const result = await mutation();
  return { jobUuid: result.jobUuid ?? null, submittedAt };
};

/**
 * Looks at a submitted job for up to `stepWaitMs`: `done` on success (or when ONTAP already purged it),
 * `pending` while it still runs; a failed job throws OntapJobFailedError.
 */
export const lookAtJob = async (
  client: OntapClient,
  job: SubmittedJob,
  settings: JobWaitSettings,
): Promise<'done' | 'pending'> => {
  if (job.jobUuid === null) return 'done';
  try {
    await waitForJob(client, job.jobUuid, {
      intervalMs: settings.pollMs,
      timeoutMs: settings.stepWaitMs,
      submittedAt: Date.parse(job.submittedAt),
    });
    return 'done';
  } catch (error) {
    if (error instanceof OntapJobTimeoutError) return 'pending';
    throw error;
  }
};
