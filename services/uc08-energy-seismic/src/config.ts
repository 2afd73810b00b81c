import { analyticsBucketEnv, envEnum, envInt, lineageEnv, loadConfig, serviceEnv } from '@fsxn/lambda-kit';
import { z } from 'zod';

/** The service's own id: lineage chain and idempotency scope key on it. */
export const SERVICE_ID = 'uc08-energy-seismic';
/** Recorded in every lineage record so an output can be traced to the template that produced it. */
export const TEMPLATE_VERSION = '1.0.0';

/** Variables every function of the service reads (serverless.yml provider.environment). */
const common = {
  ...serviceEnv,
  ...analyticsBucketEnv,
};

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

export const reportConfig = () =>
  loadConfig(
    z.object({
      ...common,
      ...lineageEnv,
      INFERENCE_MODE: envEnum(['aws', 'local']).default('aws'),
      BEDROCK_MODEL_ID: z.string().min(1).optional(),
    }),
  );
