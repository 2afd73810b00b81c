import { createReviewApi } from '@fsxn/human-review';
import { documentClient, loadConfig, sfnClient } from '@fsxn/lambda-kit';
import { z } from 'zod';
import { SERVICE_ID } from '../config';

const config = loadConfig(z.object({ REVIEW_TABLE: z.string().min(1), REVIEW_ROLE_MAP: z.string().min(2) }));

/**
 * The review API for AWS (API Gateway, AWS_IAM authorization): reviewers list, read and decide the review
 * tasks of this service; roles come only from the deployment's role map (param `reviewRoleMap`).
 */
export const handler = createReviewApi(
  { db: documentClient(), sfn: sfnClient(), tableName: config.REVIEW_TABLE },
  { roleMap: config.REVIEW_ROLE_MAP, useCaseId: SERVICE_ID },
);
