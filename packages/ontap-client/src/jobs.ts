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

/** Newer ONTAP carries `error{message,code}` beside the job's own `message` and integer `code`. */
const failureOf = (job: Job): { code: string; message: string } => ({
  code: codeToString(job.error?.code) ?? codeToString(job.code) ?? '',
  message: job.error?.message ?? job.message ?? 'job failed',
});

/** One look at a job. A failed job is reported, not thrown; `purged` as in {@link JobOutcome}. */
export type JobStatus =
  | { readonly uuid: string; readonly state: 'queued' | 'running' | 'paused'; readonly description?: string }
  | { readonly uuid: string; readonly state: 'success'; readonly message: string; readonly description?: string }
  | {
      readonly uuid: string;
      readonly state: 'failure';
      /** ONTAP's error code as a string (`error.code`, else the job's integer `code`). */
      readonly code: string;
      readonly message: string;
      readonly description?: string;
    }
  | { readonly uuid: string; readonly state: 'purged' };

export interface JobStatusOptions {
  /**
   * When the job was submitted (epoch ms). Needed to tell "finished and purged" from "never existed": a
   * 404 is `purged` only when the job is at least `purgeAfterMs` old; otherwise (or when omitted) the
   * OntapNotFoundError is thrown.
   */
  readonly submittedAt?: number;
  /** ONTAP deletes terminal jobs after 300 s by default. */
  readonly purgeAfterMs?: number;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
}

const describedBy = (job: Job) => (job.description === undefined ? {} : { description: job.description });

/**
 * Looks at a job once without throwing for its outcome: for jobs a caller submitted with `wait: false`
 * and watches from outside (a state machine's Wait/Choice loop). Transport and API errors still throw.
 */
export const jobStatus = async (
  client: OntapClient,
  jobUuid: string,
  options: JobStatusOptions = {},
): Promise<JobStatus> => {
  let job: Job;
  try {
    job = await getJob(client, jobUuid, options.signal);
  } catch (error) {
    const now = options.now ?? Date.now;
    if (
      error instanceof OntapNotFoundError &&
      options.submittedAt !== undefined &&
      now() - options.submittedAt >= (options.purgeAfterMs ?? DEFAULT_PURGE_AFTER_MS)
    ) {
      return { uuid: jobUuid, state: 'purged' };
    }
    throw error;
  }
  if (job.state === 'success')
    return { uuid: job.uuid, state: 'success', message: job.message ?? 'success', ...describedBy(job) };
  if (job.state === 'failure') {
    return { uuid: job.uuid, state: 'failure', ...failureOf(job), ...describedBy(job) };
  }
  return { uuid: job.uuid, state: job.state, ...describedBy(job) };
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
  const maxPolls = Math.floor(timeoutMs / intervalMs) + 1;
  const look: JobStatusOptions = {
    submittedAt: options.submittedAt ?? startedAt,
    now,
    ...(options.purgeAfterMs === undefined ? {} : { purgeAfterMs: options.purgeAfterMs }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  let lastState = 'unknown';

  for (let poll = 0; poll < maxPolls; poll++) {
    const status = await jobStatus(client, jobUuid, look);
    lastState = status.state;
    if (status.state === 'success' || status.state === 'purged') return status;
    if (status.state === 'failure') {
      throw new OntapJobFailedError({
        uuid: status.uuid,
        code: status.code,
        message: status.message,
        description: status.description,
      });
    }
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

/** What a mutation sent with `wait: false` returns: ONTAP accepted it; nothing was awaited. */
export interface Submitted {
  readonly status: number;
  /** The job ONTAP started (the first, for a query-based PATCH/DELETE); undefined for a synchronous answer. */
  readonly jobUuid: string | undefined;
  /** Every job the answer references. */
  readonly jobUuids: readonly string[];
  /** The created record's uuid when ONTAP returned it (creates are sent with `return_records=true`). */
  readonly recordUuid: string | undefined;
}

/** Reads the job reference(s) and a returned record out of a POST/PATCH/DELETE answer without polling. */
export const submittedOf = (response: OntapResponse, source: { method: string; path: string }): Submitted => {
  const jobUuids = jobUuidsOf(response.body);
  if (jobUuids.length === 0 && response.status === 202) {
    throw new OntapResponseError(`ONTAP ${source.method} ${source.path} answered 202 without a job`, {
      ...source,
      headers: {},
    });
  }
  const records = isJsonObject(response.body) ? response.body.records : undefined;
  const first: unknown = Array.isArray(records) ? records[0] : undefined;
  return {
    status: response.status,
    jobUuid: jobUuids[0],
    jobUuids,
    recordUuid: isJsonObject(first) && typeof first.uuid === 'string' ? first.uuid : undefined,
  };
};
