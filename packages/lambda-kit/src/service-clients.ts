import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createS3ApClient, OutputWriter } from '@fsxn/s3ap';
import type { ServiceEnv } from './service-env';

/*
 * SDK clients and writers a service builds once per cold start from its config and passes into handler
 * bodies. Endpoints come from the SDK's own resolution (AWS_ENDPOINT_URL_<SERVICE> locally).
 */

export const s3Of = (config: Pick<ServiceEnv, 'S3_FORCE_PATH_STYLE'>): S3Client =>
  createS3ApClient({ forcePathStyle: config.S3_FORCE_PATH_STYLE });

/** Writes under the output prefix of the output access point (never over the inputs). */
export const outputWriterOf = (
  config: Pick<ServiceEnv, 'OUTPUT_ACCESS_POINT' | 'OUTPUT_PREFIX' | 'S3_FORCE_PATH_STYLE'>,
  s3: S3Client = s3Of(config),
): OutputWriter =>
  new OutputWriter(s3, { kind: 'access-point', ap: config.OUTPUT_ACCESS_POINT, prefix: config.OUTPUT_PREFIX });

/**
 * Where analytics table rows go. In AWS, the stack's standard S3 bucket (`ANALYTICS_BUCKET`), under
 * `bucketPrefix`: Athena reads standard S3 for certain, reading through an FSx access point alias is not
 * verified. Locally (no bucket) the output access point under the output prefix, where DuckDB reads the rows
 * from the volume. The default `bucketPrefix` keeps the keys equal in both places.
 */
export const analyticsWriterOf = (
  config: Pick<ServiceEnv, 'OUTPUT_ACCESS_POINT' | 'OUTPUT_PREFIX' | 'S3_FORCE_PATH_STYLE'> & {
    readonly ANALYTICS_BUCKET?: string | undefined;
  },
  s3: S3Client = s3Of(config),
  bucketPrefix: string = config.OUTPUT_PREFIX,
): OutputWriter =>
  config.ANALYTICS_BUCKET
    ? new OutputWriter(s3, { kind: 's3-bucket', bucket: config.ANALYTICS_BUCKET, prefix: bucketPrefix })
    : outputWriterOf(config, s3);

/** DynamoDB document client for review, lineage and job tables (undefined attributes left out). */
export const documentClient = (): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });

/** Step Functions client, for task-token callbacks of review gates. */
export const sfnClient = (): SFNClient => new SFNClient({});
