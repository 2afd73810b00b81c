import { reviewPolicyFor } from '@fsxn/human-review';
import { SERVICE_ID } from './config';

/**
 * UC1's review policy: the reference reviews under 10 % of its output, high-risk findings only. A run whose
 * findings include CRITICAL ones (full control for Everyone / Authenticated Users) is "high value": its report
 * is held until a reviewer and a different approver sign it off, because it names exposed legal files and
 * goes to compliance. Runs without CRITICAL findings publish directly.
 */
export const UC1_REVIEW_POLICY = reviewPolicyFor(SERVICE_ID, {
  highValueAlwaysReview: true,
  requireDistinctApprover: true,
});
