import { envBoolean, envEnum, loadConfig } from '@fsxn/lambda-kit';
import { z } from 'zod';

/** The service's own id: review policy, lineage chain and idempotency scope all key on it. */
export const SERVICE_ID = 'uc02-financial-idp';
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
  /** Documents above this are failed with a reason (Textract's asynchronous limit is 500 MB). */
  MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(100 * 1024 * 1024),
  /** Set by the local stack, whose S3 access point emulator serves path-style URLs. */
  S3_FORCE_PATH_STYLE: envBoolean().default(false),
};

export const discoverConfig = () =>
  loadConfig(z.object({ ...common, IDEMPOTENCY_TABLE: z.string().min(1), DEDUP_ENABLED: envBoolean().default(false) }));

export const processFileConfig = () =>
  loadConfig(
    z
      .object({
        ...common,
        INFERENCE_MODE: envEnum(['aws', 'local']).default('aws'),
        TEXTRACT_REGION: z.string().min(1).default('us-east-1'),
        /**
         * Standard bucket for documents synchronous Textract cannot take (more than one page or 5 MB):
         * Textract's asynchronous API cannot read an FSx S3 access point by reference.
         */
        TEXTRACT_STAGING_BUCKET: z.string().optional(),
        BEDROCK_MODEL_ID: z.string().min(1).default('amazon.nova-lite-v1:0'),
        BEDROCK_CROSS_REGION: z.string().optional(),
        /** `auto` uses a local `tesseract` with English data when installed (offline only), `off` never. */
        LOCAL_OCR: envEnum(['auto', 'off']).default('auto'),
      })
      .refine((c) => c.INFERENCE_MODE === 'local' || c.TEXTRACT_STAGING_BUCKET !== undefined, {
        message: 'TEXTRACT_STAGING_BUCKET is required when INFERENCE_MODE is aws',
        path: ['TEXTRACT_STAGING_BUCKET'],
      }),
  );

export const requestReviewConfig = () => loadConfig(z.object({ ...common, REVIEW_TABLE: z.string().min(1) }));

const lineage = {
  LINEAGE_TABLE: z.string().min(1),
  LINEAGE_RETENTION: envEnum(['standard-365d', 'compliance-7y', 'custom']).default('standard-365d'),
};

export const releaseOutputConfig = () =>
  loadConfig(z.object({ ...common, ...lineage, REVIEW_TABLE: z.string().min(1) }));

export const reportConfig = () => loadConfig(z.object({ ...common, ...lineage }));

export type CommonConfig = z.output<z.ZodObject<typeof common>>;
