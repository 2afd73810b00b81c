import { createReviewApi } from '@fsxn/human-review';
import { documentClient, loadConfig, sfnClient } from '@fsxn/lambda-kit';
import { z } from 'zod';
import { SERVICE_ID } from '../config';
import { routeChangePolicy } from '../runtime';

const config = loadConfig(z.object({ REVIEW_TABLE: z.string().min(1), REVIEW_ROLE_MAP: z.string().min(2) }));

/** Review API (API Gateway, AWS_IAM): reviewers and approvers decide route changes of the compliance profile. */
export const handler = createReviewApi(
  { db: documentClient(), sfn: sfnClient(), tableName: config.REVIEW_TABLE, policyFor: routeChangePolicy },
  { roleMap: config.REVIEW_ROLE_MAP, useCaseId: SERVICE_ID },
);
