import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { FSxClient } from '@aws-sdk/client-fsx';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  createOntapClient,
  type FetchLike,
  type FetchResponseLike,
  type OntapClient,
  secretsManagerCredentials,
} from '@fsxn/ontap-client';
import { createS3ApClient, OutputWriter } from '@fsxn/s3ap';
import { fetch as undiciFetch } from 'undici';
import type { CommonConfig, OntapConfig } from './config';

export interface CountingOntapClient {
  readonly client: OntapClient;
  /** HTTP requests sent to ONTAP so far by this container (retries included). */
  readonly calls: () => number;
}

/**
 * The ONTAP client, built once per cold start: TLS verification on (optional private CA), credentials
 * from Secrets Manager (cached, refreshed once on 401). Requests go through a counting fetch (undici's,
 * which honours the client's TLS dispatcher), so each step reports how many ONTAP calls it made.
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
  return { client, calls: () => count };
};

export const s3Of = (config: Pick<CommonConfig, 'S3_FORCE_PATH_STYLE'>) =>
  createS3ApClient({ forcePathStyle: config.S3_FORCE_PATH_STYLE });

export const outputWriterOf = (config: CommonConfig, s3 = s3Of(config)) =>
  new OutputWriter(s3, { kind: 'access-point', ap: config.OUTPUT_ACCESS_POINT, prefix: config.OUTPUT_PREFIX });

export const documentClient = () =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });

export const fsxClient = () => new FSxClient({});
