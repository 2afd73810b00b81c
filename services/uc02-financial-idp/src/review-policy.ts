import { needsReview, type ReviewNeed, type ReviewPolicy, reviewPolicyFor } from '@fsxn/human-review';
import { SERVICE_ID } from './config';

/**
 * UC2's policy from @fsxn/human-review (confidence threshold 0.9, audit kept 7 years for PII), with the
 * four-eyes principle of financial controls on top: a low-confidence extraction is checked by a reviewer
 * and released by a different approver, so no single person books a document the machine was unsure of.
 */
export const REVIEW_POLICY: ReviewPolicy = reviewPolicyFor(SERVICE_ID, { requireDistinctApprover: true });

export const reviewNeedOf = (confidence: number): ReviewNeed => needsReview(REVIEW_POLICY, { confidence });
