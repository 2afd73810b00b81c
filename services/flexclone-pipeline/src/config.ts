import { envBoolean, envEnum, envInt, loadConfig } from '@fsxn/lambda-kit';
import { z } from 'zod';

/** The service's own id (logs, metrics, report). */
export const SERVICE_ID = 'flexclone-pipeline';

/** Every function: where reports and manifests go (an access point, usually the parent volume's). */
const common = {
  OUTPUT_ACCESS_POINT: z.string().min(1),
  OUTPUT_PREFIX: z
    .string()
    .min(1)
    .refine((p) => p.endsWith('/') && !p.startsWith('/'), 'must end with "/" and not start with "/"'),
  DEPLOYMENT_PROFILE: envEnum(['poc', 'production', 'compliance']),
  /** Set by the local stack, whose S3 access point emulator serves path-style URLs. */
  S3_FORCE_PATH_STYLE: envBoolean().default(false),
};

/** Functions inside the VPC that call the ONTAP management endpoint. */
const ontap = {
  ONTAP_ENDPOINT: z.url().refine((u) => u.startsWith('https://') || u.startsWith('http://127.0.0.1'), {
    message: 'must be https:// (plain http only for the local simulator on 127.0.0.1)',
  }),
  ONTAP_SECRET_ARN: z.string().min(1),
  /** PEM of the CA that signed the management endpoint's certificate; the system CAs when empty. */
  ONTAP_CA_PEM: z.string().default(''),
  ONTAP_TIMEOUT_MS: envInt({ min: 1000, max: 120_000 }).default(30_000),
  ONTAP_RETRIES: envInt({ min: 0, max: 10 }).default(3),
  /** Short jobs (snapshot, share, unmount, delete) are awaited in the step with these bounds. */
  JOB_POLL_MS: envInt({ min: 1, max: 60_000 }).default(1000),
  JOB_TIMEOUT_MS: envInt({ min: 1000, max: 600_000 }).default(60_000),
};

export const validateConfig = () =>
  loadConfig(
    z.object({
      SVM_NAME: z.string().min(1),
      ONLINE_POLL_SECONDS: envInt({ min: 0, max: 300 }).default(10),
      MAX_ONLINE_CHECKS: envInt({ min: 1, max: 1000 }).default(30),
      CLONE_ACCESS_POINT_PREFIX: z.string().regex(/^[a-z0-9][a-z0-9-]{0,48}$/),
    }),
  );

export const ontapConfig = () => loadConfig(z.object({ ...common, ...ontap }));

export const accessPointConfig = () => loadConfig(z.object({ ...common }));

export const processConfig = () =>
  loadConfig(z.object({ ...common, HEADER_READ_CONCURRENCY: envInt({ min: 1, max: 64 }).default(8) }));

export const reportConfig = () => loadConfig(z.object({ ...common }));

export type OntapConfig = z.output<z.ZodObject<typeof ontap>>;
