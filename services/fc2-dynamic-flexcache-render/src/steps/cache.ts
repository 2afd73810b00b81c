import { ontapStep } from '@fsxn/ontap-automation';
import { flexcache, type OntapClient, volumes } from '@fsxn/ontap-client';
import { CacheConflictError, FlexCacheRenderError, OriginNotFoundError } from '../domain/errors';
import type { JobPlan } from '../domain/job-input';
import { type JobWaitSettings, lookAtJob, type SubmittedJob, submitted } from './jobs';

type FlexCache = flexcache.FlexCache;

export interface CacheSubmission extends SubmittedJob {
  /** True when the job's cache already existed (a re-run after a failure, or a retried step). */
  readonly reused: boolean;
}

/** A FlexCache belongs to the job when it caches exactly the job's origin volume. */
export const cachesOrigin = (cache: FlexCache, origin: JobPlan['origin']): boolean =>
  (cache.origins ?? []).length === 1 &&
  cache.origins?.[0]?.volume?.name === origin.volume &&
  cache.origins?.[0]?.svm?.name === origin.svm;

/**
 * Creates the job's FlexCache, or reuses it: the name comes from the job id, so a re-run finds the cache
 * an earlier attempt left (GET by name) and reuses it when it caches the same origin. A cache or volume
 * of that name caching something else is never touched (CacheConflictError). Returns without waiting
 * for the create job (see `submitted`).
 */
export const submitCache = (client: OntapClient, plan: JobPlan, now: Date): Promise<CacheSubmission> =>
  ontapStep('CreateCache', async () => {
    const origin = await volumes.findByName(client, plan.origin.svm, plan.origin.volume);
    if (origin === undefined) {
      throw new OriginNotFoundError(`origin volume "${plan.origin.volume}" not found in SVM "${plan.origin.svm}"`);
    }
    const existing = await flexcache.findByName(client, plan.svmName, plan.cacheName);
    if (existing !== undefined) {
      if (!cachesOrigin(existing, plan.origin)) {
        throw new CacheConflictError(
          `FlexCache "${plan.cacheName}" exists but does not cache ${plan.origin.svm}:${plan.origin.volume}`,
        );
      }
      return { jobUuid: null, submittedAt: now.toISOString(), reused: true };
    }
    if ((await volumes.findByName(client, plan.svmName, plan.cacheName)) !== undefined) {
      throw new CacheConflictError(`a volume named "${plan.cacheName}" exists and is not a FlexCache`);
    }
    const job = await submitted(
      () =>
        flexcache.create(
          client,
          {
            svm: { name: plan.svmName },
            name: plan.cacheName,
            origins: [{ volumeName: plan.origin.volume, svmName: plan.origin.svm }],
            path: plan.junctionPath,
            ...(plan.sizeBytes === null ? {} : { size: plan.sizeBytes }),
            ...(plan.aggregates === null ? {} : { aggregates: plan.aggregates }),
          },
          { wait: false },
        ),
      now,
    );
    return { ...job, reused: false };
  });

export interface CacheCheck {
  readonly ready: boolean;
  /** Checks made so far, this one included; the state machine's Choice bounds it. */
  readonly attempt: number;
  readonly reason: string | null;
  /** When the cache was seen ready (the report measures time to a ready cache from it). */
  readonly readyAt: string | null;
  readonly cache: {
    readonly uuid: string;
    readonly name: string;
    readonly path: string;
    /** The cache's volume uuid (FSx matches it as OntapConfiguration.UUID when attaching an access point). */
    readonly volumeUuid: string;
  } | null;
}

/**
 * One look at the create job (waiting up to the step's bound) and at the cache: ready once the job is
 * done and the cache's volume is online at its junction path. A failed job throws (→ cleanup).
 */
export const checkCache = (
  client: OntapClient,
  plan: JobPlan,
  submission: SubmittedJob,
  attempt: number,
  wait: JobWaitSettings,
): Promise<CacheCheck> =>
  ontapStep('CheckCache', async () => {
    const pending = (reason: string): CacheCheck => ({
      ready: false,
      attempt: attempt + 1,
      reason,
      readyAt: null,
      cache: null,
    });
    if ((await lookAtJob(client, submission, wait)) === 'pending') return pending('create job still running');
    const cache = await flexcache.findByName(client, plan.svmName, plan.cacheName);
    if (cache === undefined) {
      throw new FlexCacheRenderError(`FlexCache "${plan.cacheName}" is missing after its create job finished`);
    }
    const volume = await volumes.findByName(client, plan.svmName, plan.cacheName);
    if (volume?.state !== 'online') return pending(`cache volume is ${volume?.state ?? 'not visible yet'}`);
    const path = volume.nas?.path ?? cache.path ?? '';
    if (path !== plan.junctionPath) {
      throw new CacheConflictError(`FlexCache "${plan.cacheName}" is mounted at "${path}", not "${plan.junctionPath}"`);
    }
    return {
      ready: true,
      attempt: attempt + 1,
      reason: null,
      readyAt: new Date().toISOString(),
      cache: { uuid: cache.uuid, name: cache.name, path, volumeUuid: volume.uuid },
    };
  });

/** Starts prepopulating the job's directories (the cache must be mounted); returns without waiting. */
export const submitPrepopulate = (
  client: OntapClient,
  plan: JobPlan,
  cacheUuid: string,
  now: Date,
): Promise<SubmittedJob> =>
  ontapStep('Prepopulate', async () => {
    if (plan.prepopulate === null) throw new FlexCacheRenderError('Prepopulate runs only when the job asks for it');
    const request = plan.prepopulate;
    return submitted(
      () =>
        flexcache.prepopulate(
          client,
          cacheUuid,
          {
            dirPaths: request.dirPaths,
            ...(request.excludeDirPaths.length === 0 ? {} : { excludeDirPaths: request.excludeDirPaths }),
            recurse: true,
          },
          { wait: false },
        ),
      now,
    );
  });

export interface JobCheck {
  readonly done: boolean;
  readonly attempt: number;
}

/** One look at the prepopulate job (a failed prepopulate is a named error → cleanup). */
export const checkPrepopulate = (
  client: OntapClient,
  job: SubmittedJob,
  attempt: number,
  wait: JobWaitSettings,
): Promise<JobCheck> =>
  ontapStep('CheckPrepopulate', async () => ({
    done: (await lookAtJob(client, job, wait)) === 'done',
    attempt: attempt + 1,
  }));
