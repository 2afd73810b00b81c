import { envBoolean, envEnum, loadConfig } from '@fsxn/lambda-kit';
import { z } from 'zod';

/** The service's own id: lineage chain and idempotency scope key on it. */
export const SERVICE_ID = 'uc06-semiconductor-eda';
/** Recorded in every lineage record so an output can be traced to the template that produced it. */
export const TEMPLATE_VERSION = '1.0.0';

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
  S3_FORCE_PATH_STYLE: envBoolean().default(false),
  /**
   * The standard S3 bucket Athena reads the layout rows from (and writes query results to). Unset
   * locally: rows then go under the output prefix on the access point, where DuckDB reads them.
   */
  ANALYTICS_BUCKET: z.string().optional(),
};

export const discoverConfig = () =>
  loadConfig(z.object({ ...common, IDEMPOTENCY_TABLE: z.string().min(1), DEDUP_ENABLED: envBoolean().default(false) }));

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
      LINEAGE_TABLE: z.string().min(1),
      LINEAGE_RETENTION: envEnum(['standard-365d', 'compliance-7y', 'custom']).default('standard-365d'),
      INFERENCE_MODE: envEnum(['aws', 'local']).default('aws'),
      BEDROCK_MODEL_ID: z.string().min(1).default('amazon.nova-lite-v1:0'),
      BEDROCK_CROSS_REGION: z.string().optional(),
    }),
  );

export type CommonConfig = z.output<z.ZodObject<typeof common>>;
