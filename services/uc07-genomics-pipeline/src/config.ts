import { envBoolean, envEnum, envInt, loadConfig } from '@fsxn/lambda-kit';
import { z } from 'zod';

/** The service's own id: review policy, lineage chain and idempotency scope all key on it. */
export const SERVICE_ID = 'uc07-genomics-pipeline';
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
   * Standard S3 bucket for the Athena table rows (Athena reads tables from S3 buckets); unset locally,
   * where the rows go under the output prefix and DuckDB reads them from the volume.
   */
  ANALYTICS_BUCKET: z.string().optional(),
};

export const discoverConfig = () =>
  loadConfig(z.object({ ...common, IDEMPOTENCY_TABLE: z.string().min(1), DEDUP_ENABLED: envBoolean().default(false) }));

export const processFileConfig = () =>
  loadConfig(
    z.object({
      ...common,
      /** Mean read quality a FASTQ read needs to pass QC (reference QUALITY_THRESHOLD). */
      PASS_QUALITY: envInt({ min: 0, max: 93 }).default(20),
      /** 0 = every read. A positive value samples the first N reads, and the result says so. */
      FASTQ_READ_LIMIT: envInt({ min: 0 }).default(0),
      /** A file with more malformed FASTQ records / VCF lines than this fails instead of being staged. */
      MAX_MALFORMED_RECORDS: envInt({ min: 0 }).default(0),
      MAX_LINE_BYTES: envInt({ min: 1024 }).default(64 * 1024 * 1024),
      MAX_BAM_HEADER_BYTES: envInt({ min: 1024 }).default(16 * 1024 * 1024),
    }),
  );

export const requestReviewConfig = () => loadConfig(z.object({ ...common, REVIEW_TABLE: z.string().min(1) }));

const lineage = {
  LINEAGE_TABLE: z.string().min(1),
  LINEAGE_RETENTION: envEnum(['standard-365d', 'compliance-7y', 'custom']).default('standard-365d'),
};

export const releaseOutputConfig = () =>
  loadConfig(z.object({ ...common, ...lineage, REVIEW_TABLE: z.string().min(1) }));

export const analyzeConfig = () =>
  loadConfig(
    z.object({
      ...common,
      INFERENCE_MODE: envEnum(['aws', 'local']).default('aws'),
      COMPREHEND_MEDICAL_REGION: z.string().min(1).default('us-east-1'),
      BEDROCK_MODEL_ID: z.string().min(1).optional(),
      GC_LOW_PERCENT: z.coerce.number().min(0).max(100).default(30),
      GC_HIGH_PERCENT: z.coerce.number().min(0).max(100).default(70),
      PASS_QUALITY: envInt({ min: 0, max: 93 }).default(20),
    }),
  );

export const reportConfig = () => loadConfig(z.object({ ...common, ...lineage }));

export type CommonConfig = z.output<z.ZodObject<typeof common>>;
