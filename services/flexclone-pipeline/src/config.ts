import { envInt, loadConfig, serviceEnv } from '@fsxn/lambda-kit';
import { ontapEnv } from '@fsxn/ontap-automation';
import { z } from 'zod';

/** The service's own id (logs, metrics, report). */
export const SERVICE_ID = 'flexclone-pipeline';

const { OUTPUT_ACCESS_POINT, OUTPUT_PREFIX, DEPLOYMENT_PROFILE, S3_FORCE_PATH_STYLE } = serviceEnv;

/** Every function: where reports and manifests go (an access point, usually the parent volume's). */
const common = { OUTPUT_ACCESS_POINT, OUTPUT_PREFIX, DEPLOYMENT_PROFILE, S3_FORCE_PATH_STYLE };

/**
 * Functions inside the VPC that call the ONTAP management endpoint. Short jobs (snapshot, share, unmount,
 * delete) are awaited in the step within JOB_TIMEOUT_MS.
 */
const ontap = ontapEnv({ timeoutMs: 30_000, retries: 3, jobTimeoutMs: 60_000 });

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
