import { absentOn404, OntapUnavailable, ontapStep } from '@fsxn/ontap-automation';
import { flexcache, type OntapClient, OntapJobFailedError, volumes, waitForJob } from '@fsxn/ontap-client';
import type { JobPlan } from '../domain/job-input';
import { cachesOrigin } from './cache';
import type { SubmittedJob } from './jobs';

export type CleanupOutcome =
  | { readonly action: 'deleted'; readonly unmounted: boolean }
  | { readonly action: 'absent' }
  | { readonly action: 'kept'; readonly reason: string };

export interface CleanupSettings {
  readonly pollMs: number;
  readonly timeoutMs: number;
}

/**
 * Unmounts and deletes the job's FlexCache. Repeatable: a cache that is gone (or a 404 on the way) is
 * `absent`. A create job that may still be running is awaited first, or the cache would appear after the
 * cleanup; if it is still running, the step fails transient so the state machine retries it. A cache of
 * that name that does not cache the job's origin is not the job's: it is kept.
 */
export const cleanUpCache = (
  client: OntapClient,
  plan: JobPlan,
  createJob: SubmittedJob | null,
  settings: CleanupSettings,
): Promise<CleanupOutcome> =>
  ontapStep('Cleanup', async () => {
    const wait = { intervalMs: settings.pollMs, timeoutMs: settings.timeoutMs };
    if (createJob?.jobUuid !== null && createJob?.jobUuid !== undefined) {
      try {
        await waitForJob(client, createJob.jobUuid, { ...wait, submittedAt: Date.parse(createJob.submittedAt) });
      } catch (error) {
        // A failed create left nothing behind; anything else (still running, unreachable) is retried.
        if (!(error instanceof OntapJobFailedError)) {
          throw new OntapUnavailable(`Cleanup: the create job ${createJob.jobUuid} has not finished`, error);
        }
      }
    }
    const cache = await flexcache.findByName(client, plan.svmName, plan.cacheName);
    if (cache === undefined) return { action: 'absent' };
    if (!cachesOrigin(cache, plan.origin)) {
      return { action: 'kept', reason: `FlexCache "${plan.cacheName}" does not cache the job's origin` };
    }
    const volume = await volumes.findByName(client, plan.svmName, plan.cacheName);
    const mounted = volume?.nas?.path !== undefined && volume.nas.path !== '';
    const unmounted =
      volume !== undefined && mounted
        ? await absentOn404(() => volumes.unmount(client, volume.uuid, { wait }))
        : 'absent';
    const removed = await absentOn404(() => flexcache.remove(client, cache.uuid, { wait }));
    return removed === 'absent' ? { action: 'absent' } : { action: 'deleted', unmounted: unmounted !== 'absent' };
  });
