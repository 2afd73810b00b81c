import { analyticsBucketEnv, envEnum, lineageEnv, loadConfig, serviceEnv } from '@fsxn/lambda-kit';
import { z } from 'zod';

/** The service's own id: lineage chain and idempotency scope key on it. */
export const SERVICE_ID = 'uc06-semiconductor-eda';
/** Recorded in every lineage record so an output can be traced to the template that produced it. */
export const TEMPLATE_VERSION = '1.0.0';

/** Variables every function of the service reads (serverless.yml provider.environment). */
const common = {
  ...serviceEnv,
  ...analyticsBucketEnv,
};

export const extractConfig = () =>
  loadConfig(
    z.object({
      ...common,
      /** Bytes of an OASIS file read from its start (magic, START, names right after it). */
      OASIS_HEAD_BYTES: z.coerce
        .number()
        .int()
        .min(1024)
        .default(64 * 1024),
      /** Bytes read from the OASIS cell-name table offset. */
      OASIS_NAME_TABLE_BYTES: z.coerce
        .number()
        .int()
        .min(1024)
        .default(1024 * 1024),
    }),
  );

export const analyzeConfig = () =>
  loadConfig(
    z.object({
      ...common,
      ANALYTICS_ENGINE: envEnum(['athena', 'duckdb']),
      /** Tukey fence width in IQRs. */
      IQR_MULTIPLIER: z.coerce.number().positive().default(1.5),
    }),
  );

export const reportConfig = () =>
  loadConfig(
    z.object({
      ...common,
      ...lineageEnv,
      INFERENCE_MODE: envEnum(['aws', 'local']).default('aws'),
      BEDROCK_MODEL_ID: z.string().min(1).default('amazon.nova-lite-v1:0'),
      BEDROCK_CROSS_REGION: z.string().optional(),
    }),
  );

export type CommonConfig = z.output<z.ZodObject<typeof common>>;
