import { envBoolean, envEnum, envInt, loadConfig } from '@fsxn/lambda-kit';
import { z } from 'zod';

/** The service's own id: lineage chain and idempotency scope key on it. */
export const SERVICE_ID = 'uc04-media-vfx';
/** Recorded in every lineage record so a report can be traced to the template that produced it. */
export const TEMPLATE_VERSION = '1.0.0';

/** Variables every function of the service reads (serverless.yml provider.environment). */
const common = {
  INPUT_ACCESS_POINT: z.string().min(1),
  OUTPUT_ACCESS_POINT: z.string().min(1),
  INPUT_PREFIX: z.string().default(''),
  OUTPUT_PREFIX: z
    .string()
    .min(1)
    .refine((p) => p.endsWith('/') && !p.startsWith('/'), 'must end with "/" and not start with "/"'),
  DEPLOYMENT_PROFILE: envEnum(['poc', 'production', 'compliance']),
  TRIGGER_MODE: envEnum(['POLLING', 'EVENT_DRIVEN', 'HYBRID']),
  /** Set by the local stack, whose S3 access point emulator serves path-style URLs. */
  S3_FORCE_PATH_STYLE: envBoolean().default(false),
};

export const discoverConfig = () =>
  loadConfig(z.object({ ...common, IDEMPOTENCY_TABLE: z.string().min(1), DEDUP_ENABLED: envBoolean().default(false) }));

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
      LINEAGE_TABLE: z.string().min(1),
      LINEAGE_RETENTION: envEnum(['standard-365d', 'compliance-7y', 'custom']).default('standard-365d'),
    }),
  );

export type CommonConfig = z.output<z.ZodObject<typeof common>>;
