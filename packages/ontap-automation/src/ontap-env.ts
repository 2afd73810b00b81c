import { envInt } from '@fsxn/lambda-kit';
import { z } from 'zod';

/** Per-service defaults: a health check wants short timeouts, a clone or cache pipeline longer ones. */
export interface OntapEnvDefaults {
  readonly timeoutMs: number;
  readonly retries: number;
  readonly jobTimeoutMs: number;
}

/**
 * The variables of a function inside the VPC that calls the ONTAP management endpoint. Spread it into a
 * function's schema: `z.object({ ...common, ...ontapEnv({ … }) })`.
 */
export const ontapEnv = (defaults: OntapEnvDefaults) => ({
  ONTAP_ENDPOINT: z.url().refine((u) => u.startsWith('https://') || u.startsWith('http://127.0.0.1'), {
    message: 'must be https:// (plain http only for the local simulator on 127.0.0.1)',
  }),
  ONTAP_SECRET_ARN: z.string().min(1),
  /** PEM of the CA that signed the management endpoint's certificate; the system CAs when empty. */
  ONTAP_CA_PEM: z.string().default(''),
  ONTAP_TIMEOUT_MS: envInt({ min: 1000, max: 120_000 }).default(defaults.timeoutMs),
  ONTAP_RETRIES: envInt({ min: 0, max: 10 }).default(defaults.retries),
  /** Poll interval and bound of the ONTAP jobs a step awaits itself. */
  JOB_POLL_MS: envInt({ min: 1, max: 60_000 }).default(1000),
  JOB_TIMEOUT_MS: envInt({ min: 1000, max: 600_000 }).default(defaults.jobTimeoutMs),
});

export type OntapEnv = z.output<z.ZodObject<ReturnType<typeof ontapEnv>>>;
