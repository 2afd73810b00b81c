import { z } from 'zod';
import { envBoolean, envEnum } from './config';

export const DEPLOYMENT_PROFILES = ['poc', 'production', 'compliance'] as const;
export const TRIGGER_MODES = ['POLLING', 'EVENT_DRIVEN', 'HYBRID'] as const;

/**
 * Variables every function of a per-file service reads (serverless.yml `provider.environment`, the local
 * stack's `local.ts`). Spread it into a function's schema: `z.object({ ...serviceEnv, MY_SETTING: … })`.
 */
export const serviceEnv = {
  INPUT_ACCESS_POINT: z.string().min(1),
  OUTPUT_ACCESS_POINT: z.string().min(1),
  INPUT_PREFIX: z.string().default(''),
  OUTPUT_PREFIX: z
    .string()
    .min(1)
    .refine((p) => p.endsWith('/') && !p.startsWith('/'), 'must end with "/" and not start with "/"'),
  DEPLOYMENT_PROFILE: envEnum(DEPLOYMENT_PROFILES),
  TRIGGER_MODE: envEnum(TRIGGER_MODES),
  /** Set by the local stack, whose S3 access point emulator serves path-style URLs. */
  S3_FORCE_PATH_STYLE: envBoolean().default(false),
};

export type ServiceEnv = z.output<z.ZodObject<typeof serviceEnv>>;

/** `MAX_FILE_BYTES`: files above it are failed with a reason instead of exhausting the function's memory. */
export const maxFileBytesEnv = (defaultBytes: number) => z.coerce.number().int().positive().default(defaultBytes);

/** The discover function: the idempotency table that holds HYBRID claims, and whether to claim at all. */
export const discoverEnv = {
  IDEMPOTENCY_TABLE: z.string().min(1),
  DEDUP_ENABLED: envBoolean().default(false),
};

/** Functions that record lineage (`@fsxn/lineage`): the table and the deployment profile's retention. */
export const lineageEnv = {
  LINEAGE_TABLE: z.string().min(1),
  LINEAGE_RETENTION: envEnum(['standard-365d', 'compliance-7y', 'custom']).default('standard-365d'),
};

/**
 * `ANALYTICS_BUCKET`: the stack's standard S3 bucket that Athena reads table rows from (and writes query
 * results to). Unset locally, where rows stay under the output prefix and DuckDB reads them from the volume.
 */
export const analyticsBucketEnv = { ANALYTICS_BUCKET: z.string().min(1).optional() };
