import { FSxClient } from '@aws-sdk/client-fsx';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  createOntapClient,
  type FetchLike,
  type FetchResponseLike,
  type OntapClient,
  secretsManagerCredentials,
} from '@fsxn/ontap-client';
import { fetch as undiciFetch } from 'undici';
import type { OntapConfig } from './config';
import type { JobWaitSettings } from './steps/types';

export interface CountingOntapClient {
  readonly client: OntapClient;
  /** HTTP requests sent to ONTAP so far by this container (retries included). */
  readonly calls: () => number;
  readonly jobWait: JobWaitSettings;
}

/**
 * The ONTAP client, built once per cold start: TLS verification on (optional private CA), credentials
 * from Secrets Manager (cached, refreshed once on 401). Every HTTP request goes through a counting fetch,
 * so each step reports its ONTAP calls.
 */
export const ontapRuntime = (config: OntapConfig): CountingOntapClient => {
  let count = 0;
  const fetch: FetchLike = (url, init) => {
    count++;
    return undiciFetch(url, init) as unknown as Promise<FetchResponseLike>;
  };
  const client = createOntapClient({
    baseUrl: config.ONTAP_ENDPOINT,
    credentials: secretsManagerCredentials({
      client: new SecretsManagerClient({}),
      secretId: config.ONTAP_SECRET_ARN,
      cacheTtlMs: 300_000,
    }),
    ...(config.ONTAP_CA_PEM === '' ? {} : { ca: config.ONTAP_CA_PEM }),
    fetch,
    timeoutMs: config.ONTAP_TIMEOUT_MS,
    retries: config.ONTAP_RETRIES,
  });
  return {
    client,
    calls: () => count,
    jobWait: { intervalMs: config.JOB_POLL_MS, timeoutMs: config.JOB_TIMEOUT_MS },
  };
};

export const fsxClient = () => new FSxClient({});
