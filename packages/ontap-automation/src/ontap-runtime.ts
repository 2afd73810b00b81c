import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  createOntapClient,
  type FetchLike,
  type FetchResponseLike,
  type OntapClient,
  secretsManagerCredentials,
} from '@fsxn/ontap-client';
import { fetch as undiciFetch } from 'undici';
import type { OntapEnv } from './ontap-env';

type ClientSettings = Pick<
  OntapEnv,
  'ONTAP_ENDPOINT' | 'ONTAP_SECRET_ARN' | 'ONTAP_CA_PEM' | 'ONTAP_TIMEOUT_MS' | 'ONTAP_RETRIES'
>;

export interface OntapClientDeps {
  /** Defaults to `@fsxn/ontap-client`'s own (undici's, which honours the client's TLS dispatcher). */
  readonly fetch?: FetchLike;
  readonly secrets?: SecretsManagerClient;
}

/**
 * The ONTAP client, built once per cold start: TLS verification on (optional private CA), credentials
 * from Secrets Manager (cached 5 minutes, refreshed once on 401), retries with jitter inside one call.
 */
export const ontapClientOf = (config: ClientSettings, deps: OntapClientDeps = {}): OntapClient =>
  createOntapClient({
    baseUrl: config.ONTAP_ENDPOINT,
    credentials: secretsManagerCredentials({
      client: deps.secrets ?? new SecretsManagerClient({}),
      secretId: config.ONTAP_SECRET_ARN,
      cacheTtlMs: 300_000,
    }),
    ...(config.ONTAP_CA_PEM === '' ? {} : { ca: config.ONTAP_CA_PEM }),
    ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
    timeoutMs: config.ONTAP_TIMEOUT_MS,
    retries: config.ONTAP_RETRIES,
  });

export interface CountingOntapClient {
  readonly client: OntapClient;
  /** HTTP requests sent to ONTAP so far by this container (retries included). */
  readonly calls: () => number;
}

/**
 * `ontapClientOf` whose requests go through a counting fetch (undici's, which honours the client's TLS
 * dispatcher), so each step reports how many ONTAP calls it made.
 */
export const countingOntapClient = (config: ClientSettings, deps: OntapClientDeps = {}): CountingOntapClient => {
  const inner: FetchLike =
    deps.fetch ?? ((url, init) => undiciFetch(url, init) as unknown as Promise<FetchResponseLike>);
  let count = 0;
  const fetch: FetchLike = (url, init) => {
    count++;
    return inner(url, init);
  };
  return { client: ontapClientOf(config, { ...deps, fetch }), calls: () => count };
};
