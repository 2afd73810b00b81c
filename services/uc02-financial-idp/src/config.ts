import { envEnum, lineageEnv, loadConfig, maxFileBytesEnv, serviceEnv } from '@fsxn/lambda-kit';
import { z } from 'zod';

/** The service's own id: review policy, lineage chain and idempotency scope all key on it. */
export const SERVICE_ID = 'uc02-financial-idp';
/** Recorded in every lineage record so an output can be traced to the template that produced it. */
export const TEMPLATE_VERSION = '1.0.0';

/** Variables every function of the service reads (serverless.yml provider.environment). */
const common = {
  ...serviceEnv,
  /** Documents above this are failed with a reason (Textract's asynchronous limit is 500 MB). */
  MAX_FILE_BYTES: maxFileBytesEnv(100 * 1024 * 1024),
};

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

export const releaseOutputConfig = () =>
  loadConfig(z.object({ ...common, ...lineageEnv, REVIEW_TABLE: z.string().min(1) }));

export const reportConfig = () => loadConfig(z.object({ ...common, ...lineageEnv }));
