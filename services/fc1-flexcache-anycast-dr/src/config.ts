import { envBoolean, envEnum, envInt, loadConfig } from '@fsxn/lambda-kit';
import { z } from 'zod';
import { STRATEGIES } from './routing';

/** The service's own id (logs, metrics, review use case, report). */
export const SERVICE_ID = 'fc1-flexcache-anycast-dr';
export const TEMPLATE_VERSION = '1.0.0';

/** Every function: the topology, the tables and where reports go. */
const common = {
  DEPLOYMENT_PROFILE: envEnum(['poc', 'production', 'compliance']),
  OUTPUT_ACCESS_POINT: z.string().min(1),
  OUTPUT_PREFIX: z
    .string()
    .min(1)
    .refine((p) => p.endsWith('/') && !p.startsWith('/'), 'must end with "/" and not start with "/"'),
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
  /** Set by the local stack, whose S3 access point emulator serves path-style URLs. */
  S3_FORCE_PATH_STYLE: envBoolean().default(false),
};

/** The function inside the VPC that calls the ONTAP management endpoint. */
const ontap = {
  ONTAP_ENDPOINT: z.url().refine((u) => u.startsWith('https://') || u.startsWith('http://127.0.0.1'), {
    message: 'must be https:// (plain http only for the local simulator on 127.0.0.1)',
  }),
  ONTAP_SECRET_ARN: z.string().min(1),
  /** PEM of the CA that signed the management endpoint's certificate; the system CAs when empty. */
  ONTAP_CA_PEM: z.string().default(''),
  ONTAP_TIMEOUT_MS: envInt({ min: 1000, max: 120_000 }).default(10_000),
  ONTAP_RETRIES: envInt({ min: 0, max: 10 }).default(2),
  JOB_POLL_MS: envInt({ min: 1, max: 60_000 }).default(1000),
  JOB_TIMEOUT_MS: envInt({ min: 1000, max: 600_000 }).default(120_000),
};

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
export type OntapConfig = z.output<z.ZodObject<typeof ontap>>;
