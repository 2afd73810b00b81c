import { analyticsBucketEnv, envEnum, envInt, lineageEnv, loadConfig, serviceEnv } from '@fsxn/lambda-kit';
import { z } from 'zod';

/** The service's own id: review policy, lineage chain and idempotency scope all key on it. */
export const SERVICE_ID = 'uc01-legal-compliance';
/** Recorded in every lineage record so an output can be traced to the template that produced it. */
export const TEMPLATE_VERSION = '1.0.0';
/** Glue table (Athena) and DuckDB view over `acl-data/`. */
export const ACL_TABLE_NAME = 'acl_records';

/** Variables every function of the service reads (serverless.yml provider.environment). */
const common = serviceEnv;

const LOOPBACK_HTTP = /^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?\/?$/;

/** The ONTAP management API: HTTPS with certificate verification; plain HTTP only to the local simulator. */
const ontap = {
  ONTAP_ENDPOINT: z.string().url(),
  ONTAP_SECRET_ARN: z.string().min(1),
  /** PEM of the CA that signed the management endpoint's certificate (FSx uses a self-signed one by default). */
  ONTAP_CA_PEM: z.string().optional(),
  /** Retries inside one invocation; after them the state machine's Retry takes over. */
  ONTAP_RETRIES: envInt({ min: 0, max: 10 }).default(2),
  ONTAP_TIMEOUT_MS: envInt({ min: 1000, max: 120_000 }).default(30_000),
  SVM_NAME: z.string().min(1),
  VOLUME_NAME: z.string().min(1),
  FSXN_LOCAL: z.string().optional(),
};

const ontapSchema = z
  .object({ ...common, ...ontap })
  .refine(
    (c) => c.ONTAP_ENDPOINT.startsWith('https://') || (c.FSXN_LOCAL === '1' && LOOPBACK_HTTP.test(c.ONTAP_ENDPOINT)),
    { message: 'must be an https:// URL (plain http only to the local simulator)', path: ['ONTAP_ENDPOINT'] },
  );

export const ontapConfig = () => loadConfig(ontapSchema);
export type OntapConfig = z.output<typeof ontapSchema>;

export const writeRecordConfig = () => loadConfig(z.object({ ...common, ...analyticsBucketEnv }));

export const analyzeConfig = () =>
  loadConfig(
    z.object({
      ...common,
      ANALYTICS_ENGINE: envEnum(['athena', 'duckdb']),
      STALE_AFTER_DAYS: envInt({ min: 1, max: 3650 }).default(90),
      FINDINGS_LIMIT: envInt({ min: 1, max: 100_000 }).default(1000),
      INFERENCE_MODE: envEnum(['aws', 'local']).default('aws'),
      BEDROCK_MODEL_ID: z.string().min(1).optional(),
      SVM_NAME: z.string().min(1),
      VOLUME_NAME: z.string().min(1),
    }),
  );

export const requestReviewConfig = () => loadConfig(z.object({ ...common, REVIEW_TABLE: z.string().min(1) }));

export const reportConfig = () => loadConfig(z.object({ ...common, ...lineageEnv, REVIEW_TABLE: z.string().min(1) }));
