import { createHandler } from '@fsxn/lambda-kit';
import { countingOntapClient } from '@fsxn/ontap-automation';
import { z } from 'zod';
import { ontapConfig, SERVICE_ID } from '../config';
import {
  checkCache as checkCacheStep,
  checkPrepopulate as checkPrepopulateStep,
  submitCache,
  submitPrepopulate,
} from '../steps/cache';
import { cleanUpCache } from '../steps/cleanup';
import { executionArn, loopSchema, planSchema, submittedJobSchema } from './events';

/**
 * The steps that call the ONTAP management API; each is its own Lambda function inside the VPC. The
 * client is built once per cold start; every result carries the ONTAP calls the step made.
 */
const config = ontapConfig();
const ontap = countingOntapClient(config);
const { client } = ontap;
const wait = { pollMs: config.JOB_POLL_MS, stepWaitMs: config.JOB_STEP_WAIT_MS };

const counted = async <T extends object>(work: () => Promise<T>, previous = 0): Promise<T & { ontapCalls: number }> => {
  const before = ontap.calls();
  const result = await work();
  return { ...result, ontapCalls: previous + ontap.calls() - before };
};

export const createCache = createHandler(
  { service: SERVICE_ID, schema: z.object({ executionArn, plan: planSchema }) },
  async (event, ctx) => {
    const result = await counted(() => submitCache(client, event.plan, new Date()));
    ctx.log.info({ cacheName: event.plan.cacheName, reused: result.reused, job: result.jobUuid }, 'cache submitted');
    return result;
  },
);

export const checkCache = createHandler(
  {
    service: SERVICE_ID,
    schema: z.object({ executionArn, plan: planSchema, submitted: submittedJobSchema, previous: loopSchema }),
  },
  async (event, ctx) => {
    const result = await counted(
      () => checkCacheStep(client, event.plan, event.submitted, event.previous.attempt, wait),
      event.previous.ontapCalls,
    );
    ctx.log.info({ attempt: result.attempt, ready: result.ready, reason: result.reason }, 'cache checked');
    return result;
  },
);

export const prepopulate = createHandler(
  { service: SERVICE_ID, schema: z.object({ executionArn, plan: planSchema, cacheUuid: z.string().min(1) }) },
  async (event) => counted(() => submitPrepopulate(client, event.plan, event.cacheUuid, new Date())),
);

export const checkPrepopulate = createHandler(
  { service: SERVICE_ID, schema: z.object({ executionArn, submitted: submittedJobSchema, previous: loopSchema }) },
  async (event) =>
    counted(
      () => checkPrepopulateStep(client, event.submitted, event.previous.attempt, wait),
      event.previous.ontapCalls,
    ),
);

export const cleanup = createHandler(
  {
    service: SERVICE_ID,
    schema: z.object({ executionArn, plan: planSchema, createJob: submittedJobSchema.nullable().default(null) }),
  },
  async (event, ctx) => {
    const result = await counted(async () => ({
      cache: await cleanUpCache(client, event.plan, event.createJob, {
        pollMs: config.JOB_POLL_MS,
        timeoutMs: config.JOB_TIMEOUT_MS,
      }),
    }));
    ctx.log.info({ cacheName: event.plan.cacheName, outcome: result.cache }, 'cleanup finished');
    return result;
  },
);
