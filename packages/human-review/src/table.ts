export const DEFAULT_REVIEW_TABLE = 'fsxn-s3ap-human-review';
/** Sparse index of open tasks (PENDING or REVIEWED) in creation order. */
export const OPEN_INDEX = 'open-created-index';
/** Every task of a use case in creation order (listing and audit by use case). */
export const USE_CASE_INDEX = 'usecase-created-index';
/** Value of `open_bucket` on open tasks; the attribute is removed when a task is final. */
export const OPEN_BUCKET = 'OPEN';

export interface ReviewTableCfnOptions {
  /** A literal name or a CloudFormation intrinsic. */
  readonly tableName?: unknown;
}

/** Properties of the `AWS::DynamoDB::Table` for review tasks (PK `review_id`, audit trail kept in the item). */
export const reviewTableCfn = (options: ReviewTableCfnOptions = {}) => ({
  ...(options.tableName === undefined ? {} : { TableName: options.tableName }),
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'review_id', AttributeType: 'S' as const },
    { AttributeName: 'open_bucket', AttributeType: 'S' as const },
    { AttributeName: 'use_case_key', AttributeType: 'S' as const },
    { AttributeName: 'created_at', AttributeType: 'S' as const },
  ],
  KeySchema: [{ AttributeName: 'review_id', KeyType: 'HASH' as const }],
  GlobalSecondaryIndexes: [
    {
      IndexName: OPEN_INDEX,
      KeySchema: [
        { AttributeName: 'open_bucket', KeyType: 'HASH' as const },
        { AttributeName: 'created_at', KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    },
    {
      IndexName: USE_CASE_INDEX,
      KeySchema: [
        { AttributeName: 'use_case_key', KeyType: 'HASH' as const },
        { AttributeName: 'created_at', KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    },
  ],
  PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
  SSESpecification: { SSEEnabled: true },
});
