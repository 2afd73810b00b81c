import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createS3ApClient, OutputWriter } from '@fsxn/s3ap';
import type { CommonConfig } from './config';

/**
 * SDK clients and adapters, built once per cold start from the function's config and passed into the
 * handler bodies. Endpoints come from the SDK's own resolution (AWS_ENDPOINT_URL_<SERVICE> locally).
 */
export const s3Of = (config: Pick<CommonConfig, 'S3_FORCE_PATH_STYLE'>) =>
  createS3ApClient({ forcePathStyle: config.S3_FORCE_PATH_STYLE });

export const outputWriterOf = (config: CommonConfig, s3 = s3Of(config)) =>
  new OutputWriter(s3, { kind: 'access-point', ap: config.OUTPUT_ACCESS_POINT, prefix: config.OUTPUT_PREFIX });

/**
 * Where the analytics table rows go: the standard bucket Athena reads in AWS, or (no bucket configured,
 * local runs) the output prefix on the access point, which DuckDB reads from the volume.
 */
export const tableWriterOf = (config: CommonConfig, s3 = s3Of(config)) =>
  config.ANALYTICS_BUCKET
    ? new OutputWriter(s3, { kind: 's3-bucket', bucket: config.ANALYTICS_BUCKET, prefix: '' })
    : outputWriterOf(config, s3);

export const documentClient = () =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });

export const sfnClient = () => new SFNClient({});
