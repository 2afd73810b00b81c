import { definePolicy, type ReviewPolicy } from '@fsxn/human-review';
import { documentClient } from '@fsxn/lambda-kit';
import { OutputWriter, S3ApClientPool } from '@fsxn/s3ap';
import { type CommonConfig, SERVICE_ID } from './config';
import type { TableDeps } from './steps/routing-table';

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

export const tablesOf = (config: CommonConfig, db = documentClient()): TableDeps => ({
  db,
  routingTable: config.ROUTING_TABLE,
  auditTable: config.AUDIT_TABLE,
});

/** Route changes are approved by two different people (reviewer, then approver) and kept 7 years. */
export const routeChangePolicy = (): ReviewPolicy =>
  definePolicy(SERVICE_ID, {
    riskTier: 'high',
    alwaysReview: true,
    requireDistinctApprover: true,
    retentionPeriod: 'P7Y',
    targetReviewRate: 1,
  });
