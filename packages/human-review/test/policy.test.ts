import { describe, expect, it } from 'vitest';
import { canonicalUseCaseId, definePolicy, needsReview, reviewPolicyFor, UnknownUseCaseError } from '../src';

describe('reviewPolicyFor', () => {
  it.each([
    ['UC5', 'UC5'],
    ['uc05-healthcare-dicom', 'UC5'],
    ['healthcare-dicom', 'UC5'],
    ['uc7', 'UC7'],
    ['uc15-defense-satellite', 'UC15'],
    ['UC16', 'UC16'],
    ['uc17-smart-city-geospatial', 'UC17'],
  ])('resolves %s to %s', (id, canonical) => {
    expect(canonicalUseCaseId(id)).toBe(canonical);
    expect(reviewPolicyFor(id).useCaseId).toBe(canonical);
  });

  it.each(['UC18', 'uc05-financial-idp', 'fc1-flexcache-anycast-dr', ''])(
    'refuses %j, which names no use case',
    (id) => {
      expect(() => reviewPolicyFor(id)).toThrow(UnknownUseCaseError);
    },
  );

  it('reviews 100 % with a distinct approver exactly for UC5, UC7, UC15 and UC16', () => {
    const high = Array.from({ length: 17 }, (_, i) => reviewPolicyFor(`UC${i + 1}`))
      .filter((p) => p.alwaysReview)
      .map((p) => p.useCaseId);
    expect(high).toEqual(['UC5', 'UC7', 'UC15', 'UC16']);
    for (const id of high) {
      expect(reviewPolicyFor(id)).toMatchObject({
        riskTier: 'high',
        requireDistinctApprover: true,
        retentionPeriod: 'P7Y',
      });
    }
    expect(reviewPolicyFor('UC1')).toMatchObject({
      riskTier: 'standard',
      requireDistinctApprover: false,
      retentionPeriod: 'P1Y',
    });
  });

  it('uses the reference thresholds: 0.8 by default, stricter 0.9 for UC2 low-confidence review, high value for UC14', () => {
    expect(reviewPolicyFor('UC3').confidenceThreshold).toBe(0.8);
    expect(reviewPolicyFor('UC2').confidenceThreshold).toBe(0.9);
    expect(reviewPolicyFor('UC14')).toMatchObject({ highValueAlwaysReview: true, targetReviewRate: 0.3 });
    expect(reviewPolicyFor('UC3').targetReviewRate).toBe(0.05);
  });

  it('applies overrides, e.g. a compliance profile demanding a second approver', () => {
    expect(reviewPolicyFor('UC1', { requireDistinctApprover: true, confidenceThreshold: 0.95 })).toMatchObject({
      useCaseId: 'UC1',
      requireDistinctApprover: true,
      confidenceThreshold: 0.95,
    });
    expect(definePolicy('flexclone-pipeline', { alwaysReview: true }).alwaysReview).toBe(true);
  });
});

describe('needsReview', () => {
  const uc1 = reviewPolicyFor('UC1');
  it.each([
    [{ confidence: 0.79 }, { required: true, reason: 'low_confidence' }],
    [{ confidence: 0.8 }, { required: false, reason: 'confident' }],
    [{ confidence: 0.99 }, { required: false, reason: 'confident' }],
    [{}, { required: true, reason: 'no_confidence' }],
    [{ confidence: null }, { required: true, reason: 'no_confidence' }],
  ])('for UC1 decides %j -> %j', (item, expected) => {
    expect(needsReview(uc1, item)).toEqual(expected);
  });

  it('always sends high-risk items to a human, whatever the confidence', () => {
    expect(needsReview(reviewPolicyFor('uc05-healthcare-dicom'), { confidence: 1 })).toEqual({
      required: true,
      reason: 'always',
    });
  });

  it('sends high-value insurance claims to a human even when confident', () => {
    const uc14 = reviewPolicyFor('UC14');
    expect(needsReview(uc14, { confidence: 0.99, highValue: true })).toEqual({ required: true, reason: 'high_value' });
    expect(needsReview(uc14, { confidence: 0.99, highValue: false })).toEqual({ required: false, reason: 'confident' });
  });
});
