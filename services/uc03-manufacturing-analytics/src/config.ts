import { analyticsBucketEnv, envEnum, lineageEnv, loadConfig, serviceEnv } from '@fsxn/lambda-kit';
import { z } from 'zod';

/** The service's own id: review policy, lineage chain and idempotency scope all key on it. */
export const SERVICE_ID = 'uc03-manufacturing-analytics';
/** Recorded in every lineage record so an output can be traced to the template that produced it. */
export const TEMPLATE_VERSION = '1.0.0';

/** Variables every function of the service reads (serverless.yml provider.environment). */
const common = serviceEnv;

export const transformCsvConfig = () =>
  loadConfig(
    z.object({
      ...common,
      ...lineageEnv,
      ...analyticsBucketEnv,
      /** Readings per Parquet part: bounds memory while a large CSV streams through. */
      ROWS_PER_PART: z.coerce.number().int().min(1).default(100_000),
      ANOMALY_K: z.coerce.number().positive().default(3),
    }),
  );

export const analyzeImageConfig = () =>
  loadConfig(
    z.object({
      ...common,
      ...lineageEnv,
      INFERENCE_MODE: envEnum(['aws', 'local']).default('aws'),
      /** Images above this are failed with a reason instead of exhausting the function's memory. */
      MAX_IMAGE_BYTES: z.coerce
        .number()
        .int()
        .positive()
        .default(64 * 1024 * 1024),
      MAX_IMAGE_PIXELS: z.coerce.number().int().positive().default(50_000_000),
    }),
  );

export const detectAnomaliesConfig = () =>
  loadConfig(
    z.object({
      ...common,
      ANOMALY_K: z.coerce.number().positive().default(3),
      ANOMALY_LIMIT: z.coerce.number().int().positive().default(1000),
    }),
  );

export const reportConfig = () => loadConfig(z.object({ ...common, ...lineageEnv }));
