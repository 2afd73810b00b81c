import { createHandler } from '@fsxn/lambda-kit';
import { z } from 'zod';
import { ontapConfig, SERVICE_ID } from '../config';
import { ontapClientOf } from '../runtime';
import { checkOntapHealth } from '../steps/ontap-health';
import { executionArn, planSchema } from './events';

const config = ontapConfig();
const client = ontapClientOf(config);

/** ONTAP side of the health run (inside the VPC): volumes, FlexCache relationships, optional cache creation. */
export const handler = createHandler(
  { service: SERVICE_ID, schema: z.object({ executionArn, plan: planSchema }) },
  async (event, ctx) => {
    const result = await checkOntapHealth(client, event.plan, {
      intervalMs: config.JOB_POLL_MS,
      timeoutMs: config.JOB_TIMEOUT_MS,
    });
    const failed = result.endpoints.filter((e) => e.checks.some((c) => c.status === 'fail')).map((e) => e.id);
    ctx.log.info({ created: result.created, failed, origin: result.origin }, 'ONTAP health checked');
    return result;
  },
);
