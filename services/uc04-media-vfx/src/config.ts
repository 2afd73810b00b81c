import { envInt, lineageEnv, loadConfig, serviceEnv } from '@fsxn/lambda-kit';
import { z } from 'zod';

/** The service's own id: lineage chain and idempotency scope key on it. */
export const SERVICE_ID = 'uc04-media-vfx';
/** Recorded in every lineage record so a report can be traced to the template that produced it. */
export const TEMPLATE_VERSION = '1.0.0';

/** Variables every function of the service reads (serverless.yml provider.environment). */
const common = serviceEnv;

export const inspectFrameConfig = () => loadConfig(z.object(common));

export const analyzeSequencesConfig = () => loadConfig(z.object(common));

/**
 * Deadline Cloud settings. Farm and queue are optional: empty params mean no re-render jobs, and the
 * state machine's Choice never reaches the function. The handler refuses to run without them.
 */
export const submitRerendersConfig = () =>
  loadConfig(
    z.object({
      ...common,
      DEADLINE_FARM_ID: z
        .string()
        .regex(/^farm-[0-9a-f]{32}$/)
        .optional(),
      DEADLINE_QUEUE_ID: z
        .string()
        .regex(/^queue-[0-9a-f]{32}$/)
        .optional(),
      DEADLINE_PRIORITY: envInt({ min: 0, max: 100 }).default(50),
      DEADLINE_RENDER_COMMAND: z.string().optional(),
      DEADLINE_MAX_RETRIES_PER_TASK: envInt({ min: 0, max: 2147483647 }).default(2),
    }),
  );

export const reportConfig = () =>
  loadConfig(
    z.object({
      ...common,
      ...lineageEnv,
    }),
  );
