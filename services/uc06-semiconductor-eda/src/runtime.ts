import { AthenaClient } from '@aws-sdk/client-athena';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { layoutMetadataTable, type TableDefinition } from '@fsxn/analytics';
import { createS3ApClient, OutputWriter } from '@fsxn/s3ap';
import type { CommonConfig } from './config';
import { METADATA_FOLDER } from './outputs';

/** SDK clients and adapters, built once per cold start; endpoints come from the SDK's own resolution. */
export const s3Of = (config: Pick<CommonConfig, 'S3_FORCE_PATH_STYLE'>) =>
  createS3ApClient({ forcePathStyle: config.S3_FORCE_PATH_STYLE });

export const outputWriterOf = (config: CommonConfig, s3 = s3Of(config)) =>
  new OutputWriter(s3, { kind: 'access-point', ap: config.OUTPUT_ACCESS_POINT, prefix: config.OUTPUT_PREFIX });

/** Where table rows go: the analytics bucket in AWS, the output prefix of the access point locally. */
export const metadataWriterOf = (config: CommonConfig, s3 = s3Of(config)) =>
  config.ANALYTICS_BUCKET
    ? new OutputWriter(s3, { kind: 's3-bucket', bucket: config.ANALYTICS_BUCKET, prefix: '' })
    : outputWriterOf(config, s3);

/** The `layout_metadata` table over the row files, as Glue declares it in AWS and DuckDB reads it locally. */
export const layoutTableOf = (config: CommonConfig): TableDefinition =>
  layoutMetadataTable({ prefix: `${config.ANALYTICS_BUCKET ? '' : config.OUTPUT_PREFIX}${METADATA_FOLDER}` });

export const athenaClient = () => new AthenaClient({});

export const documentClient = () =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
