import { createHandler } from '@fsxn/lambda-kit';
import { executionNameOf } from '@fsxn/pipeline';
import { z } from 'zod';
import { SERVICE_ID, validateConfig } from '../config';
import { planFromInput } from '../domain/input';

const config = validateConfig();

const eventSchema = z.object({ executionArn: z.string().min(1), input: z.unknown() });

/** Checks names, paths, styles and options before any ONTAP call; fills in defaults (outside the VPC). */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const plan = planFromInput(event.input, executionNameOf(event.executionArn), {
    svmName: config.SVM_NAME,
    wait: { pollSeconds: config.ONLINE_POLL_SECONDS, maxChecks: config.MAX_ONLINE_CHECKS },
    accessPointPrefix: config.CLONE_ACCESS_POINT_PREFIX,
  });
  ctx.log.info({ operation: plan.operation }, 'input valid');
  return plan;
});
