import { randomUUID } from 'node:crypto';
import { OntapRestError } from './errors';
import type { JsonObject } from './json';

export type JobState = 'queued' | 'running' | 'success' | 'failure';

export interface SimJob {
  readonly uuid: string;
  /** `"<METHOD> /api/<path>"` of the request that started it. */
  readonly description: string;
  readonly svm: { readonly name: string; readonly uuid: string } | undefined;
  state: JobState;
  message: string;
  code: number;
  readonly startTime: Date;
  endTime: Date | undefined;
}

/** Which job an injected failure applies to: a substring or pattern of the description, or a predicate. */
export type JobMatcher = string | RegExp | ((job: { readonly description: string }) => boolean);

export interface InjectedJobFailure {
  readonly code: number;
  readonly message: string;
}

const DEFAULT_INJECTED: InjectedJobFailure = {
  code: 13107406,
  message: 'Another volume operation is currently in progress. Wait a few minutes, and then try the command again.',
};

const matches = (matcher: JobMatcher, description: string): boolean => {
  if (typeof matcher === 'string') return description.includes(matcher);
  if (matcher instanceof RegExp) return matcher.test(description);
  return matcher({ description });
};

export interface JobManagerOptions {
  /** Time from submission to the terminal state; half of it is spent `queued`. */
  readonly latencyMs: () => number;
  /** How long terminal jobs stay readable (ONTAP: 300 s). */
  readonly retentionMs: number;
}

/**
 * Runs the work of asynchronous requests as ONTAP jobs: `queued` → `running` → `success|failure`. The
 * work (the state change) happens at the end, so a client that does not wait sees the old state.
 */
export class JobManager {
  private readonly jobs = new Map<string, SimJob>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly waiters = new Map<string, Array<() => void>>();
  private readonly injected: Array<{ matcher: JobMatcher; failure: InjectedJobFailure }> = [];

  constructor(private readonly options: JobManagerOptions) {}

  start(description: string, svm: SimJob['svm'], work: () => Promise<void> | void): SimJob {
    const job: SimJob = {
      uuid: randomUUID(),
      description,
      svm,
      state: 'queued',
      message: 'Queued',
      code: 0,
      startTime: new Date(),
      endTime: undefined,
    };
    this.jobs.set(job.uuid, job);
    const latency = Math.max(0, this.options.latencyMs());
    this.after(Math.floor(latency / 2), () => {
      job.state = 'running';
      job.message = 'Running';
    });
    this.after(latency, () => void this.finish(job, work));
    return job;
  }

  private async finish(job: SimJob, work: () => Promise<void> | void): Promise<void> {
    const injectedIndex = this.injected.findIndex((entry) => matches(entry.matcher, job.description));
    try {
      if (injectedIndex !== -1) {
        const [entry] = this.injected.splice(injectedIndex, 1);
        const failure = entry?.failure ?? DEFAULT_INJECTED;
        throw new OntapRestError(400, String(failure.code), failure.message);
      }
      await work();
      job.state = 'success';
      job.message = 'success';
      job.code = 0;
    } catch (error) {
      job.state = 'failure';
      job.message = error instanceof Error ? error.message : String(error);
      job.code = error instanceof OntapRestError && /^\d+$/.test(error.code) ? Number(error.code) : 1;
    }
    job.endTime = new Date();
    for (const resolve of this.waiters.get(job.uuid) ?? []) resolve();
    this.waiters.delete(job.uuid);
    this.after(this.options.retentionMs, () => this.jobs.delete(job.uuid));
  }

  private after(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  get(uuid: string): SimJob | undefined {
    return this.jobs.get(uuid);
  }

  list(): SimJob[] {
    return [...this.jobs.values()];
  }

  /** Resolves true when the job is terminal within `ms` (the `return_timeout` behaviour). */
  waitForEnd(job: SimJob, ms: number): Promise<boolean> {
    if (job.state === 'success' || job.state === 'failure') return Promise.resolve(true);
    if (ms <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      const list = this.waiters.get(job.uuid) ?? [];
      list.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
      this.waiters.set(job.uuid, list);
    });
  }

  /** The next job whose description matches ends in `failure` without doing its work. */
  failNext(matcher: JobMatcher, failure: InjectedJobFailure = DEFAULT_INJECTED): void {
    this.injected.push({ matcher, failure });
  }

  clearInjected(): void {
    this.injected.length = 0;
  }

  /** True while any job is not terminal. */
  busy(): boolean {
    return [...this.jobs.values()].some((job) => job.state === 'queued' || job.state === 'running');
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

export const jobLink = (uuid: string): JsonObject => ({ self: { href: `/api/cluster/jobs/${uuid}` } });

/** The job object of `GET /cluster/jobs/{uuid}`. */
export const jobToJson = (job: SimJob): JsonObject => ({
  uuid: job.uuid,
  description: job.description,
  state: job.state,
  message: job.message,
  code: job.code,
  start_time: job.startTime.toISOString(),
  ...(job.endTime === undefined ? {} : { end_time: job.endTime.toISOString() }),
  ...(job.svm === undefined ? {} : { svm: { name: job.svm.name, uuid: job.svm.uuid } }),
  ...(job.state === 'failure' ? { error: { message: job.message, code: String(job.code) } } : {}),
  _links: jobLink(job.uuid),
});
