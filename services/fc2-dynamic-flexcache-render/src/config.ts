import { envEnum, envInt, envList, loadConfig, serviceEnv } from '@fsxn/lambda-kit';
import { ontapEnv } from '@fsxn/ontap-automation';
import { z } from 'zod';

/** The service's own id (logs, metrics, report). */
export const SERVICE_ID = 'fc2-dynamic-flexcache-render';

const { OUTPUT_ACCESS_POINT, OUTPUT_PREFIX, DEPLOYMENT_PROFILE, S3_FORCE_PATH_STYLE } = serviceEnv;

/** Every function: where reports and manifests go (an access point), under the output prefix. */
const common = { OUTPUT_ACCESS_POINT, OUTPUT_PREFIX, DEPLOYMENT_PROFILE, S3_FORCE_PATH_STYLE };

/** Functions inside the VPC that call the ONTAP management endpoint. */
const ontap = {
  ...ontapEnv({ timeoutMs: 30_000, retries: 3, jobTimeoutMs: 120_000 }),
  /**
   * How long one step waits for an ONTAP job before handing back "still running" to the state machine's
   * Wait loop (create, prepopulate); unmount/delete in cleanup wait up to JOB_TIMEOUT_MS.
   */
  JOB_STEP_WAIT_MS: envInt({ min: 0, max: 60_000 }).default(5_000),
};

export const startConfig = () =>
  loadConfig(
    z.object({
      ...common,
      JOB_TABLE: z.string().min(1),
      SVM_NAME: z.string().min(1),
      DEFAULT_AGGREGATES: envList().default([]),
      CACHE_POLL_SECONDS: envInt({ min: 1, max: 300 }).default(10),
      CACHE_READY_SECONDS: envInt({ min: 10, max: 3600 }).default(600),
      /** How long a started job belongs to its execution before another may take it over. */
      JOB_LEASE_SECONDS: envInt({ min: 60, max: 7 * 86_400 }).default(86_400),
      /**
       * `attach`: FSx attaches an S3 access point to each cache; `fixed`: one alias given by the deployment
       * (local runs: the stack's access point over the job's cache volume).
       */
      CACHE_ACCESS_POINT_MODE: envEnum(['attach', 'fixed']).default('attach'),
      CACHE_ACCESS_POINT_PREFIX: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{0,29}$/)
        .default('fc2-cache-'),
      CACHE_ACCESS_POINT_ALIAS: z.string().default(''),
      FILE_SYSTEM_ID: z.string().default(''),
      CACHE_ACCESS_POINT_IDENTITY_TYPE: envEnum(['UNIX', 'WINDOWS']).default('UNIX'),
      CACHE_ACCESS_POINT_USER: z.string().default('root'),
    }),
  );

export const ontapConfig = () => loadConfig(z.object({ ...common, ...ontap }));

export const accessPointConfig = () => loadConfig(z.object({ ...common }));

export const processConfig = () =>
  loadConfig(
    z.object({
      ...common,
      JOB_TABLE: z.string().min(1),
      READ_CONCURRENCY: envInt({ min: 1, max: 64 }).default(8),
      /** How often (files) the step writes its progress into the job record. */
      PROGRESS_EVERY_FILES: envInt({ min: 1, max: 100_000 }).default(50),
    }),
  );

export const reportConfig = () => loadConfig(z.object({ ...common }));
