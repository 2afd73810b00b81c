import { type CountingOntapClient, countingOntapClient, type OntapEnv } from '@fsxn/ontap-automation';
import type { JobWaitSettings } from './steps/types';

export interface OntapRuntime extends CountingOntapClient {
  readonly jobWait: JobWaitSettings;
}

/**
 * The ONTAP client, built once per cold start (see `@fsxn/ontap-automation`), counting its HTTP requests so
 * each step reports its ONTAP calls, and how long a step waits on a short job.
 */
export const ontapRuntime = (config: OntapEnv): OntapRuntime => ({
  ...countingOntapClient(config),
  jobWait: { intervalMs: config.JOB_POLL_MS, timeoutMs: config.JOB_TIMEOUT_MS },
});
