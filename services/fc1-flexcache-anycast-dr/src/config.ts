import { envBoolean, envEnum, envInt, loadConfig, serviceEnv } from '@fsxn/lambda-kit';
import { ontapEnv } from '@fsxn/ontap-automation';
import { z } from 'zod';
import { STRATEGIES } from './routing';

/** The service's own id (logs, metrics, review use case, report). */
export const SERVICE_ID = 'fc1-flexcache-anycast-dr';
export const TEMPLATE_VERSION = '1.0.0';

const { OUTPUT_ACCESS_POINT, OUTPUT_PREFIX, DEPLOYMENT_PROFILE, S3_FORCE_PATH_STYLE } = serviceEnv;

/** Every function: the topology, the tables and where reports go. */
const common = {
  DEPLOYMENT_PROFILE,
  OUTPUT_ACCESS_POINT,
  OUTPUT_PREFIX,
  S3_FORCE_PATH_STYLE,
  /** JSON list of endpoints (see README); parsed and checked per run by Validate. */
  ENDPOINTS: z.string().min(2),
  ORIGIN_VOLUME: z.string().min(1),
  SVM_NAME: z.string().min(1),
  ACCESS_POINT_PREFIX: z.string().regex(/^[a-z0-9][a-z0-9-]{0,48}$/),
  ROUTE_STRATEGY: envEnum(STRATEGIES),
  /** The deployment's region, preferred by `region-affinity`. */
  HOME_REGION: z.string().min(1),
  ROUTING_TABLE: z.string().min(1),
  AUDIT_TABLE: z.string().min(1),
  ENSURE_CACHES: envBoolean().default(false),
};

/** The function inside the VPC that calls the ONTAP management endpoint: a health check wants short timeouts. */
const ontap = ontapEnv({ timeoutMs: 10_000, retries: 2, jobTimeoutMs: 120_000 });

const probe = {
  PROBE_KEY: z.string().default(''),
  PROBE_RANGE_BYTES: envInt({ min: 1, max: 1024 * 1024 }).default(4096),
  PROBE_LATENCY_THRESHOLD_MS: envInt({ min: 1, max: 60_000 }).default(1000),
};

export const commonConfig = () => loadConfig(z.object(common));
export const ontapConfig = () => loadConfig(z.object({ ...common, ...ontap }));
export const probeConfig = () => loadConfig(z.object({ ...common, ...probe }));
export const reviewConfig = () => loadConfig(z.object({ ...common, REVIEW_TABLE: z.string().min(1) }));

export type CommonConfig = z.output<z.ZodObject<typeof common>>;
