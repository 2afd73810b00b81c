import { codeToString } from './error-body';
import { OntapJobFailedError, OntapJobTimeoutError, OntapNotFoundError, OntapResponseError } from './errors';
import { asRecord, isJsonObject } from './records';
import type { OntapClient, OntapResponse } from './transport';

export type JobState = 'queued' | 'running' | 'paused' | 'success' | 'failure';

export interface Job {
  readonly uuid: string;
  readonly state: JobState;
  readonly description?: string;
  readonly message?: string;
  /** An integer in job objects (0 on success). */
  readonly code?: number;
  readonly error?: { readonly message?: string; readonly code?: string };
  readonly start_time?: string;
  readonly end_time?: string;
  readonly svm?: { readonly name?: string; readonly uuid?: string };
}

/** Valid `fields` of `/cluster/jobs` per the catalog (`uuid` is a filter key). */
export const JOB_FIELDS = [
  'uuid',
  'state',
  'description',
  'message',
  'code',
  'error',
  'start_time',
  'end_time',
  'svm',
] as const;

export const getJob = async (client: OntapClient, uuid: string, signal?: AbortSignal): Promise<Job> => {
  const path = `/cluster/jobs/${encodeURIComponent(uuid)}`;
  const response = await client.request({
    method: 'GET',
    path,
    query: { fields: JOB_FIELDS },
    ...(signal === undefined ? {} : { signal }),
  });
  return asRecord<Job>(response.body, ['uuid', 'state'], { method: 'GET', path });
};

/** A finished job. `purged` means ONTAP had already deleted the job record (it keeps terminal jobs ~300 s). */
export type JobOutcome =
  | { readonly uuid: string; readonly state: 'success'; readonly message: string; readonly description?: string }
  | { readonly uuid: string; readonly state: 'purged' };

export interface WaitForJobOptions {
  /** Pause between polls; default 1 s. */
  readonly intervalMs?: number;
  /** Give up (OntapJobTimeoutError) after this long; default 120 s. */
  readonly timeoutMs?: number;
  /**
   * When the job was submitted (epoch ms); default: when waiting starts. A 404 for a job submitted at
   * least `purgeAfterMs` ago means it finished and was purged; a 404 sooner means it never existed.
   */
  readonly submittedAt?: number;
  /** ONTAP deletes terminal jobs after 300 s by default. */
  readonly purgeAfterMs?: number;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_INTERVAL_MS = 1_000;
const DEFAULT_JOB_TIMEOUT_MS = 120_000;
const DEFAULT_PURGE_AFTER_MS = 300_000;

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const failureOf = (job: Job): OntapJobFailedError => {
  const code = codeToString(job.error?.code) ?? codeToString(job.code) ?? '';
  const message = job.error?.message ?? job.message ?? 'job failed';
  return new OntapJobFailedError({ uuid: job.uuid, code, message, description: job.description });
};

/**
 * Polls `/cluster/jobs/{uuid}` until `success` (resolves) or `failure` (throws OntapJobFailedError).
 * Polling is bounded: at most `timeoutMs / intervalMs + 1` requests, then OntapJobTimeoutError.
 */
export const waitForJob = async (
  client: OntapClient,
  jobUuid: string,
  options: WaitForJobOptions = {},
): Promise<JobOutcome> => {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const intervalMs = Math.max(1, options.intervalMs ?? DEFAULT_INTERVAL_MS);
  const timeoutMs = options.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
  const startedAt = now();
  const submittedAt = options.submittedAt ?? startedAt;
  const maxPolls = Math.floor(timeoutMs / intervalMs) + 1;
  let lastState = 'unknown';

  for (let poll = 0; poll < maxPolls; poll++) {
    let job: Job;
    try {
      job = await getJob(client, jobUuid, options.signal);
    } catch (error) {
      if (
        error instanceof OntapNotFoundError &&
        now() - submittedAt >= (options.purgeAfterMs ?? DEFAULT_PURGE_AFTER_MS)
      ) {
        return { uuid: jobUuid, state: 'purged' };
      }
      throw error;
    }
    lastState = job.state;
    if (job.state === 'success') {
      return {
        uuid: job.uuid,
        state: 'success',
        message: job.message ?? 'success',
        ...(job.description === undefined ? {} : { description: job.description }),
      };
    }
    if (job.state === 'failure') throw failureOf(job);
    if (poll + 1 >= maxPolls || now() - startedAt >= timeoutMs) break;
    await sleep(intervalMs);
  }
  throw new OntapJobTimeoutError(jobUuid, lastState, timeoutMs);
};

/** Job uuids referenced by a POST/PATCH/DELETE body: `{job:{uuid}}` or `{jobs:[{uuid}]}`. */
export const jobUuidsOf = (body: unknown): string[] => {
  if (!isJsonObject(body)) return [];
  const refs: unknown[] = [];
  if (body.job !== undefined) refs.push(body.job);
  if (Array.isArray(body.jobs)) refs.push(...body.jobs);
  const uuids: string[] = [];
  for (const ref of refs) {
    if (isJsonObject(ref) && typeof ref.uuid === 'string') uuids.push(ref.uuid);
  }
  return uuids;
};

export interface AsyncResult {
  readonly status: number;
  readonly body: unknown;
  readonly jobs: readonly JobOutcome[];
}

/**
 * Treats 200, 201 and 202 alike: whatever the status, every job the body references is awaited.
 * A 202 without any job reference is a protocol violation.
 */
export const completeAsync = async (
  client: OntapClient,
  response: OntapResponse,
  source: { method: string; path: string },
  options: WaitForJobOptions = {},
): Promise<AsyncResult> => {
  const uuids = jobUuidsOf(response.body);
  if (uuids.length === 0 && response.status === 202) {
    throw new OntapResponseError(`ONTAP ${source.method} ${source.path} answered 202 without a job`, {
      ...source,
      headers: {},
    });
  }
  const jobs: JobOutcome[] = [];
  for (const uuid of uuids) jobs.push(await waitForJob(client, uuid, options));
  return { status: response.status, body: response.body, jobs };
};
