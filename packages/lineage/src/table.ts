/** Name used when a service does not set its own (the reference's `LINEAGE_TABLE` default). */
export const DEFAULT_LINEAGE_TABLE = 'fsxn-s3ap-data-lineage';
export const CHAIN_INDEX = 'uc_id-sequence-index';
export const TIMESTAMP_INDEX = 'uc_id-timestamp-index';

/** Sort key value of chain-head items (`source_file_key` = `#chain#<uc_id>`); never a valid ISO timestamp. */
export const HEAD_SORT_KEY = '#head';

export interface LineageTableCfnOptions {
  /** A literal name or a CloudFormation intrinsic (e.g. `{ 'Fn::Sub': '${AWS::StackName}-lineage' }`). */
  readonly tableName?: unknown;
}

/**
 * Properties of the `AWS::DynamoDB::Table` for lineage: history per file (PK/SK), chain reads per use
 * case in sequence order, time-range reads per use case, TTL on `ttl`. Chain-head items carry neither
 * `uc_id` nor `sequence`, so they stay out of both indexes.
 */
export const lineageTableCfn = (options: LineageTableCfnOptions = {}) => ({
  ...(options.tableName === undefined ? {} : { TableName: options.tableName }),
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'source_file_key', AttributeType: 'S' as const },
    { AttributeName: 'processing_timestamp', AttributeType: 'S' as const },
    { AttributeName: 'uc_id', AttributeType: 'S' as const },
    { AttributeName: 'sequence', AttributeType: 'N' as const },
  ],
  KeySchema: [
    { AttributeName: 'source_file_key', KeyType: 'HASH' as const },
    { AttributeName: 'processing_timestamp', KeyType: 'RANGE' as const },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: CHAIN_INDEX,
      KeySchema: [
        { AttributeName: 'uc_id', KeyType: 'HASH' as const },
        { AttributeName: 'sequence', KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    },
    {
      IndexName: TIMESTAMP_INDEX,
      KeySchema: [
        { AttributeName: 'uc_id', KeyType: 'HASH' as const },
        { AttributeName: 'processing_timestamp', KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    },
  ],
  TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
  PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
  SSESpecification: { SSEEnabled: true },
});
