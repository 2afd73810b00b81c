import { envBoolean, envEnum, envInt, loadConfig } from '@fsxn/lambda-kit';
import { z } from 'zod';

/** The service's own id: lineage chain and idempotency scope key on it. */
export const SERVICE_ID = 'uc08-energy-seismic';
/** Recorded in every lineage record so an output can be traced to the template that produced it. */
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
  /**
   * Standard S3 bucket the analytics rows go to in AWS (Athena cannot read through an FSx access point);
   * unset locally, where the rows stay under the output prefix on the volume and DuckDB reads them there.
   */
  ANALYTICS_BUCKET: z.string().min(1).optional(),
};

export const discoverConfig = () =>
  loadConfig(z.object({ ...common, IDEMPOTENCY_TABLE: z.string().min(1), DEDUP_ENABLED: envBoolean().default(false) }));

export const seismicConfig = () =>
  loadConfig(
    z.object({
      ...common,
      SAMPLED_TRACES: envInt({ min: 1, max: 256 }).default(8),
      MAX_SAMPLES_PER_TRACE: envInt({ min: 1, max: 65536 }).default(2048),
    }),
  );

export const wellLogConfig = () =>
  loadConfig(
    z.object({
      ...common,
      /** Well logs are read whole; larger files fail with a reason instead of exhausting memory. */
      MAX_WELL_LOG_BYTES: envInt({ min: 1 }).default(128 * 1024 * 1024),
      ANOMALY_THRESHOLD_STD: z.coerce.number().positive().default(3),
    }),
  );

export const analyticsConfig = () =>
  loadConfig(
    z.object({
      ...common,
      ANALYTICS_ENGINE: envEnum(['athena', 'duckdb']),
      ANOMALY_THRESHOLD_STD: z.coerce.number().positive().default(3),
    }),
  );

const lineage = {
  LINEAGE_TABLE: z.string().min(1),
  LINEAGE_RETENTION: envEnum(['standard-365d', 'compliance-7y', 'custom']).default('standard-365d'),
};

export const reportConfig = () =>
  loadConfig(
    z.object({
      ...common,
      ...lineage,
      INFERENCE_MODE: envEnum(['aws', 'local']).default('aws'),
      BEDROCK_MODEL_ID: z.string().min(1).optional(),
    }),
  );

export type CommonConfig = z.output<z.ZodObject<typeof common>>;
