import { createHandler, documentClient } from '@fsxn/lambda-kit';
import { z } from 'zod';
import { SERVICE_ID, startConfig } from '../config';
import { FlexCacheRenderError } from '../domain/errors';
import { type PlanSettings, planJob } from '../domain/job-input';
import { claimJob } from '../job-store';
import { executionArn } from './events';

const config = startConfig();
const store = { db: documentClient(), tableName: config.JOB_TABLE };

const accessPointSettings = (): PlanSettings['accessPoint'] => {
  if (config.CACHE_ACCESS_POINT_MODE === 'fixed') {
    if (config.CACHE_ACCESS_POINT_ALIAS === '')
      throw new FlexCacheRenderError('CACHE_ACCESS_POINT_ALIAS is required in fixed mode');
    return { mode: 'fixed', alias: config.CACHE_ACCESS_POINT_ALIAS };
  }
  if (config.FILE_SYSTEM_ID === '')
    throw new FlexCacheRenderError('FILE_SYSTEM_ID is required to attach access points');
  return {
    mode: 'attach',
    prefix: config.CACHE_ACCESS_POINT_PREFIX,
    fileSystemId: config.FILE_SYSTEM_ID,
    identity: { type: config.CACHE_ACCESS_POINT_IDENTITY_TYPE, user: config.CACHE_ACCESS_POINT_USER },
  };
};

const settings: PlanSettings = {
  svmName: config.SVM_NAME,
  defaultAggregates: config.DEFAULT_AGGREGATES,
  pollSeconds: config.CACHE_POLL_SECONDS,
  cacheReadySeconds: config.CACHE_READY_SECONDS,
  accessPoint: accessPointSettings(),
};

/**
 * Validates the job (before any ONTAP call) and claims its id in the job table: a job that finished is
 * not run again, one that another execution is running is refused, a failed one is taken over.
 */
export const handler = createHandler(
  { service: SERVICE_ID, schema: z.object({ executionArn, input: z.unknown() }) },
  async (event, ctx) => {
    const plan = planJob(event.input, settings);
    const claim = await claimJob(store, {
      jobId: plan.jobId,
      cacheName: plan.cacheName,
      executionArn: event.executionArn,
      leaseSeconds: config.JOB_LEASE_SECONDS,
      now: new Date(),
    });
    ctx.log.info({ jobId: plan.jobId, cacheName: plan.cacheName, action: claim.action }, 'job claimed');
    if (claim.action === 'already-done') {
      return {
        plan,
        action: claim.action,
        previous: {
          owner: claim.record.owner,
          manifestKey: claim.record.manifestKey ?? null,
          updatedAt: claim.record.updatedAt,
        },
      };
    }
    return {
      plan,
      action: claim.action,
      attempt: claim.record.attempt,
      tookOverFrom: claim.tookOver === null ? null : { owner: claim.tookOver.owner, state: claim.tookOver.state },
    };
  },
);
