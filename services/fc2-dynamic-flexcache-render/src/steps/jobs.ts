import { type OntapClient, OntapJobTimeoutError, waitForJob } from '@fsxn/ontap-client';

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
 * `@fsxn/ontap-client` waits for every job a mutation starts; a state machine should wait in a Wait
 * state, not in a sleeping Lambda. So the mutation's wait is bounded to one look (`timeoutMs: 0`), and a
 * job that is still running comes back as OntapJobTimeoutError carrying its uuid.
 */
export const submitted = async (
  mutation: (wait: { timeoutMs: 0 }) => Promise<unknown>,
  now: Date,
): Promise<SubmittedJob> => {
  const submittedAt = now.toISOString();
  try {
    await mutation({ timeoutMs: 0 });
    return { jobUuid: null, submittedAt };
  } catch (error) {
    if (error instanceof OntapJobTimeoutError) return { jobUuid: error.jobUuid, submittedAt };
    throw error;
  }
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
