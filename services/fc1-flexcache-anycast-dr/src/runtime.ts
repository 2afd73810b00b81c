import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { definePolicy, type ReviewPolicy } from '@fsxn/human-review';
import { createOntapClient, type OntapClient, secretsManagerCredentials } from '@fsxn/ontap-client';
import { OutputWriter, S3ApClientPool } from '@fsxn/s3ap';
import { type CommonConfig, type OntapConfig, SERVICE_ID } from './config';
import type { TableDeps } from './steps/routing-table';

/**
 * The ONTAP client, built once per cold start: TLS verification on (optional private CA), credentials
 * from Secrets Manager (cached, refreshed once on 401), retries with jitter inside one call.
 */
export const ontapClientOf = (config: OntapConfig): OntapClient =>
  createOntapClient({
    baseUrl: config.ONTAP_ENDPOINT,
    credentials: secretsManagerCredentials({
      client: new SecretsManagerClient({}),
      secretId: config.ONTAP_SECRET_ARN,
      cacheTtlMs: 300_000,
    }),
    ...(config.ONTAP_CA_PEM === '' ? {} : { ca: config.ONTAP_CA_PEM }),
    timeoutMs: config.ONTAP_TIMEOUT_MS,
    retries: config.ONTAP_RETRIES,
  });

/** One S3 client per region (caches may live in other regions than the deployment). */
export const s3ForRegion = (config: Pick<CommonConfig, 'S3_FORCE_PATH_STYLE'>) => {
  const pool = new S3ApClientPool();
  return (region: string) => pool.get({ region, forcePathStyle: config.S3_FORCE_PATH_STYLE });
};

export const outputWriterOf = (config: CommonConfig) =>
  new OutputWriter(s3ForRegion(config)(config.HOME_REGION), {
    kind: 'access-point',
    ap: config.OUTPUT_ACCESS_POINT,
    prefix: config.OUTPUT_PREFIX,
  });

export const documentClient = () =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });

export const tablesOf = (config: CommonConfig, db = documentClient()): TableDeps => ({
  db,
  routingTable: config.ROUTING_TABLE,
  auditTable: config.AUDIT_TABLE,
});

export const sfnClient = () => new SFNClient({});

/** Route changes are approved by two different people (reviewer, then approver) and kept 7 years. */
export const routeChangePolicy = (): ReviewPolicy =>
  definePolicy(SERVICE_ID, {
    riskTier: 'high',
    alwaysReview: true,
    requireDistinctApprover: true,
    retentionPeriod: 'P7Y',
    targetReviewRate: 1,
  });
