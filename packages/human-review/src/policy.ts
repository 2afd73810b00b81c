import { UnknownUseCaseError } from './errors';

export type RiskTier = 'high' | 'standard';

export interface ReviewPolicy {
  /** Canonical id, `UC1` … `UC17`, or the custom id a policy was defined for. */
  readonly useCaseId: string;
  readonly riskTier: RiskTier;
  /** Every item goes to a human (high-risk use cases). */
  readonly alwaysReview: boolean;
  /** Below this AI confidence (0..1) an item goes to a human. */
  readonly confidenceThreshold: number;
  /** High-value items (e.g. insurance claims) always go to a human. */
  readonly highValueAlwaysReview: boolean;
  /** Release needs a reviewer and then an approver with a different identity. */
  readonly requireDistinctApprover: boolean;
  /** How long review audit records are kept (ISO 8601 duration). */
  readonly retentionPeriod: string;
  /** The share of items the use case expects to review (reference "Human review" column), informative. */
  readonly targetReviewRate: number;
}

interface UseCaseEntry {
  readonly folder: string;
  readonly targetReviewRate: number;
  readonly confidenceThreshold?: number;
  readonly highValueAlwaysReview?: boolean;
  /** PII/PHI/defense/records classes keep review audit 7 years. */
  readonly regulatedData?: boolean;
}

/**
 * The reference's use-case table (§1 "Human review" column, §9 governance): UC5, 7, 15, 16 are reviewed
 * 100 %; UC14 reviews every high-value claim; UC2 flags low confidence, so its threshold is stricter.
 * Other thresholds follow the reference's own confidence cut-off of 80 (UC3 image review, UC4 quality).
 */
const USE_CASES: Readonly<Record<number, UseCaseEntry>> = {
  1: { folder: 'legal-compliance', targetReviewRate: 0.1 },
  2: { folder: 'financial-idp', targetReviewRate: 0.2, confidenceThreshold: 0.9, regulatedData: true },
  3: { folder: 'manufacturing-analytics', targetReviewRate: 0.05 },
  4: { folder: 'media-vfx', targetReviewRate: 0.1 },
  5: { folder: 'healthcare-dicom', targetReviewRate: 1, regulatedData: true },
  6: { folder: 'semiconductor-eda', targetReviewRate: 0.15 },
  7: { folder: 'genomics-pipeline', targetReviewRate: 1, regulatedData: true },
  8: { folder: 'energy-seismic', targetReviewRate: 0.2 },
  9: { folder: 'autonomous-driving', targetReviewRate: 0.1 },
  10: { folder: 'construction-bim', targetReviewRate: 0.15 },
  11: { folder: 'retail-catalog', targetReviewRate: 0.1 },
  12: { folder: 'logistics-ocr', targetReviewRate: 0.15 },
  13: { folder: 'education-research', targetReviewRate: 0.2 },
  14: { folder: 'insurance-claims', targetReviewRate: 0.3, highValueAlwaysReview: true, regulatedData: true },
  15: { folder: 'defense-satellite', targetReviewRate: 1, regulatedData: true },
  16: { folder: 'government-archives', targetReviewRate: 1, regulatedData: true },
  17: { folder: 'smart-city-geospatial', targetReviewRate: 0.2 },
};

export const HIGH_RISK_USE_CASES = ['UC5', 'UC7', 'UC15', 'UC16'] as const;
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.8;

/**
 * `UC5`, `uc05`, `uc05-healthcare-dicom` (service folder) and `healthcare-dicom` (reference folder) all
 * name use case 5; returns `UC5`, or undefined for anything else.
 */
export const canonicalUseCaseId = (id: string): string | undefined => {
  const trimmed = id.trim().toLowerCase();
  const numbered = /^uc0?(\d{1,2})(?:-([a-z0-9-]+))?$/.exec(trimmed);
  if (numbered) {
    const n = Number(numbered[1]);
    const entry = USE_CASES[n];
    if (!entry) return undefined;
    if (numbered[2] !== undefined && numbered[2] !== entry.folder) return undefined;
    return `UC${n}`;
  }
  const byFolder = Object.entries(USE_CASES).find(([, e]) => e.folder === trimmed);
  return byFolder ? `UC${byFolder[0]}` : undefined;
};

/** The review policy of a use case, with optional overrides (e.g. from a deployment profile). */
export const reviewPolicyFor = (
  useCaseId: string,
  overrides: Partial<Omit<ReviewPolicy, 'useCaseId'>> = {},
): ReviewPolicy => {
  const canonical = canonicalUseCaseId(useCaseId);
  const entry = canonical === undefined ? undefined : USE_CASES[Number(canonical.slice(2))];
  if (canonical === undefined || entry === undefined) {
    throw new UnknownUseCaseError(`no review policy for use case "${useCaseId}"; use definePolicy for other services`);
  }
  const high = entry.targetReviewRate >= 1;
  return {
    useCaseId: canonical,
    riskTier: high ? 'high' : 'standard',
    alwaysReview: high,
    confidenceThreshold: entry.confidenceThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD,
    highValueAlwaysReview: entry.highValueAlwaysReview ?? false,
    requireDistinctApprover: high,
    retentionPeriod: entry.regulatedData ? 'P7Y' : 'P1Y',
    targetReviewRate: entry.targetReviewRate,
    ...overrides,
  };
};

/** A policy for a service outside the 17 use cases (FlexClone pipelines, custom services). */
export const definePolicy = (
  useCaseId: string,
  policy: Partial<Omit<ReviewPolicy, 'useCaseId'>> = {},
): ReviewPolicy => ({
  useCaseId,
  riskTier: 'standard',
  alwaysReview: false,
  confidenceThreshold: DEFAULT_CONFIDENCE_THRESHOLD,
  highValueAlwaysReview: false,
  requireDistinctApprover: false,
  retentionPeriod: 'P1Y',
  targetReviewRate: 0.1,
  ...policy,
});

export type ReviewReason = 'always' | 'high_value' | 'low_confidence' | 'no_confidence' | 'confident';

export interface ReviewNeed {
  readonly required: boolean;
  readonly reason: ReviewReason;
}

/**
 * Whether an AI result must go to a human. Missing confidence goes to a human: without a score there
 * is nothing to auto-commit on.
 */
export const needsReview = (
  policy: ReviewPolicy,
  item: { confidence?: number | null; highValue?: boolean },
): ReviewNeed => {
  if (policy.alwaysReview) return { required: true, reason: 'always' };
  if (policy.highValueAlwaysReview && item.highValue === true) return { required: true, reason: 'high_value' };
  if (item.confidence === undefined || item.confidence === null || Number.isNaN(item.confidence)) {
    return { required: true, reason: 'no_confidence' };
  }
  return item.confidence < policy.confidenceThreshold
    ? { required: true, reason: 'low_confidence' }
    : { required: false, reason: 'confident' };
};
