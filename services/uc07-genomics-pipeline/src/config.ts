import { analyticsBucketEnv, envEnum, envInt, lineageEnv, loadConfig, serviceEnv } from '@fsxn/lambda-kit';
import { z } from 'zod';

/** The service's own id: review policy, lineage chain and idempotency scope all key on it. */
export const SERVICE_ID = 'uc07-genomics-pipeline';
/** Recorded in every lineage record so an output can be traced to the template that produced it. */
export const TEMPLATE_VERSION = '1.0.0';

/** Variables every function of the service reads (serverless.yml provider.environment). */
const common = {
  ...serviceEnv,
  ...analyticsBucketEnv,
};

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

export const releaseOutputConfig = () =>
  loadConfig(z.object({ ...common, ...lineageEnv, REVIEW_TABLE: z.string().min(1) }));

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

export const reportConfig = () => loadConfig(z.object({ ...common, ...lineageEnv }));
