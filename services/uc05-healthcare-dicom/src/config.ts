import { envEnum, lineageEnv, loadConfig, maxFileBytesEnv, serviceEnv } from '@fsxn/lambda-kit';
import { z } from 'zod';

/** The service's own id: review policy, lineage chain and idempotency scope all key on it. */
export const SERVICE_ID = 'uc05-healthcare-dicom';
/** Recorded in every lineage record so an output can be traced to the template that produced it. */
export const TEMPLATE_VERSION = '1.0.0';

/** Variables every function of the service reads (serverless.yml provider.environment). */
const common = {
  ...serviceEnv,
  /** Files above this are failed with a reason instead of exhausting the function's memory. */
  MAX_FILE_BYTES: maxFileBytesEnv(512 * 1024 * 1024),
};

export const processFileConfig = () =>
  loadConfig(
    z.object({
      ...common,
      UID_KEY_SECRET_ARN: z.string().min(1),
      COMPREHEND_MEDICAL_REGION: z.string().min(1).default('us-east-1'),
      INFERENCE_MODE: envEnum(['aws', 'local']).default('aws'),
    }),
  );

export const requestReviewConfig = () => loadConfig(z.object({ ...common, REVIEW_TABLE: z.string().min(1) }));

export const releaseOutputConfig = () =>
  loadConfig(z.object({ ...common, ...lineageEnv, REVIEW_TABLE: z.string().min(1) }));

export const reportConfig = () => loadConfig(z.object({ ...common, ...lineageEnv }));
