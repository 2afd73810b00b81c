import { createHash } from 'node:crypto';
import type { ReviewTaskView } from '@fsxn/human-review';

/** What the ASL hands the Report step about the review gate. */
export type GateOutcome =
  | { decision: 'not_required' }
  | { decision: 'approved'; reviewId: string }
  | { Error: string; Cause?: string };

export type PublishDecision =
  | { publish: true; reviewedBy?: { reviewer: string; approver: string; reviewId: string } }
  | { publish: false; reason: string };

/**
 * Whether the draft report may be published. The gate's output alone is not trusted: an approval is checked
 * against the review table (right object, approved, distinct approver when the policy asks for one), and a
 * run that needed review cannot publish without one.
 */
export const decidePublication = async (input: {
  reviewRequired: boolean;
  gate: GateOutcome;
  draftKey: string;
  loadTask: (reviewId: string) => Promise<ReviewTaskView>;
}): Promise<PublishDecision> => {
  const { gate } = input;
  if ('Error' in gate) return { publish: false, reason: `${gate.Error}: ${gate.Cause || 'no comment'}` };
  if (gate.decision === 'not_required') {
    return input.reviewRequired
      ? { publish: false, reason: 'ReviewMissing: the run has CRITICAL findings but passed no review' }
      : { publish: true };
  }
  const task = await input.loadTask(gate.reviewId);
  const final = task.final;
  if (task.object_key !== input.draftKey || final?.decision !== 'approved') {
    return { publish: false, reason: `ReviewMismatch: review ${gate.reviewId} does not approve ${input.draftKey}` };
  }
  if (task.policy.requireDistinctApprover && (!final.approver || final.approver === final.reviewer)) {
    return { publish: false, reason: `ReviewMismatch: review ${gate.reviewId} lacks a distinct approver` };
  }
  return {
    publish: true,
    reviewedBy: { reviewer: final.reviewer ?? '', approver: final.approver ?? '', reviewId: gate.reviewId },
  };
};

export const sha256Hex = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
