import { createReviewApi } from '@fsxn/human-review';
import { documentClient, loadConfig, sfnClient } from '@fsxn/lambda-kit';
import { z } from 'zod';
import { SERVICE_ID } from '../config';
import { REVIEW_POLICY } from '../review-policy';

const config = loadConfig(z.object({ REVIEW_TABLE: z.string().min(1), REVIEW_ROLE_MAP: z.string().min(2) }));

/**
 * The review API for AWS (API Gateway, AWS_IAM authorization): reviewers list, read and decide the
 * low-confidence documents of this service; roles come only from the deployment's role map.
 */
export const handler = createReviewApi(
  { db: documentClient(), sfn: sfnClient(), tableName: config.REVIEW_TABLE, policyFor: () => REVIEW_POLICY },
  { roleMap: config.REVIEW_ROLE_MAP, useCaseId: SERVICE_ID },
);
