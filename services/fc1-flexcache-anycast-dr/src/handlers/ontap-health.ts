import { createHandler } from '@fsxn/lambda-kit';
import { ontapClientOf } from '@fsxn/ontap-automation';
import { z } from 'zod';
import { ontapConfig, SERVICE_ID } from '../config';
import { checkOntapHealth, ensureCaches } from '../steps/ontap-health';
import { ensuredSchema, executionArn, planSchema } from './events';

const config = ontapConfig();
const client = ontapClientOf(config);

/**
 * EnsureCaches (inside the VPC, only with `ensureCaches`): creates the listed FlexCaches that are missing,
 * before the health checks and the probes, so a first run already reads through the new caches.
 */
export const ensure = createHandler(
  { service: SERVICE_ID, schema: z.object({ executionArn, plan: planSchema }) },
  async (event, ctx) => {
    const ensured = await ensureCaches(client, event.plan, {
      intervalMs: config.JOB_POLL_MS,
      timeoutMs: config.JOB_TIMEOUT_MS,
    });
    const failed = ensured.provisions.filter((p) => p.check.status === 'fail').map((p) => p.id);
    ctx.log.info({ created: ensured.created, failed }, 'FlexCaches ensured');
    return ensured;
  },
);

/** ONTAP side of the health run (inside the VPC): volumes and FlexCache relationships. */
export const handler = createHandler(
  { service: SERVICE_ID, schema: z.object({ executionArn, plan: planSchema, ensured: ensuredSchema }) },
  async (event, ctx) => {
    const result = await checkOntapHealth(client, event.plan, event.ensured);
    const failed = result.endpoints.filter((e) => e.checks.some((c) => c.status === 'fail')).map((e) => e.id);
    ctx.log.info({ created: result.created, failed, origin: result.origin }, 'ONTAP health checked');
    return result;
  },
);
