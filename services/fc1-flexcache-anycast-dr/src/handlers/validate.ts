import { createHandler } from '@fsxn/lambda-kit';
import { z } from 'zod';
import { commonConfig, SERVICE_ID } from '../config';
import { parseEndpoints } from '../domain/endpoints';
import { InvalidInputError } from '../domain/errors';
import { STRATEGIES, seedOf } from '../routing';
import { executionArn, type Plan } from './events';

const config = commonConfig();

/** A scheduled run sends `{}`; an operator may name a strategy for this run and say why it was started. */
const inputSchema = z
  .object({
    strategy: z.enum(STRATEGIES).optional(),
    reason: z.string().max(500).optional(),
    seed: z.number().int().nonnegative().max(0xffffffff).optional(),
  })
  .strict();

/**
 * Checks the execution input and the configured endpoint list before anything calls ONTAP or S3, and
 * turns them into the run's plan. Bad input is an InvalidInputError naming every problem.
 */
export const handler = createHandler(
  { service: SERVICE_ID, schema: z.object({ executionArn, input: z.unknown() }) },
  async (event): Promise<Plan> => {
    const parsed = inputSchema.safeParse(event.input ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ');
      throw new InvalidInputError(`invalid execution input: ${issues}`);
    }
    const endpoints = parseEndpoints(config.ENDPOINTS, {
      originVolume: config.ORIGIN_VOLUME,
      accessPointPrefix: config.ACCESS_POINT_PREFIX,
    });
    return {
      svmName: config.SVM_NAME,
      originVolume: config.ORIGIN_VOLUME,
      endpoints,
      strategy: parsed.data.strategy ?? config.ROUTE_STRATEGY,
      homeRegion: config.HOME_REGION,
      seed: parsed.data.seed ?? seedOf(event.executionArn),
      // The compliance profile never changes the route without two people approving it.
      approvalRequired: config.DEPLOYMENT_PROFILE === 'compliance',
      ensureCaches: config.ENSURE_CACHES,
      reason: parsed.data.reason ?? 'scheduled health check',
    };
  },
);
