import type { ReviewTaskView } from '@fsxn/human-review';
import { createInference, type GenerateInput } from '@fsxn/inference';
import { describe, expect, it } from 'vitest';
import { composeReport, factSentences, type ReportFacts } from '../src/compliance-report';
import { countByKind, countBySeverity, type Finding } from '../src/domain';
import { decidePublication } from '../src/publish-report';

const findings: Finding[] = [
  {
    kind: 'OVERLY_PERMISSIVE',
    severity: 'CRITICAL',
    objectKey: 'legal/a|b.pdf',
    sid: 'S-1-1-0',
    principal: 'EVERYONE',
    detail: 'Everyone (S-1-1-0) has FULL_CONTROL',
  },
  { kind: 'STALE_RECORD', severity: 'LOW', objectKey: 'old.pdf', detail: 'ACL last collected 2024-01-01' },
];
const facts: ReportFacts = {
  executionName: 'run-1',
  generatedAt: '2025-06-01T00:00:00.000Z',
  volume: { svmName: 'svm1', volumeName: 'vol1', junctionPath: '/vol1' },
  shares: [{ name: 'legal$', path: '/vol1/legal' }],
  filesAudited: 12,
  staleAfterDays: 90,
  counts: countBySeverity(findings),
  byKind: countByKind(findings),
  findings,
};

describe('composeReport', () => {
  it('renders counts per severity and every finding, and labels the summary with its provider', async () => {
    const { markdown, summary } = await composeReport(facts, createInference({ mode: 'local' }).textGeneration);
    expect(summary.provider).toBe('local:extractive-summary');
    expect(markdown).toContain('| CRITICAL | 1 |');
    expect(markdown).toContain('| LOW | 1 |');
    expect(markdown).toContain('| Orphaned SIDs (account no longer resolves) | 0 |');
    // A "|" in a file name must not break the table row.
    expect(markdown).toContain('`legal/a\\|b.pdf`');
    expect(markdown).toContain('## Summary (local:extractive-summary)');
    expect(markdown).toContain('CIFS shares exposing this volume: `legal$` (/vol1/legal).');
  });

  it('asks the model about the computed facts only', async () => {
    const prompts: GenerateInput[] = [];
    await composeReport(facts, {
      generate: async (input) => {
        prompts.push(input);
        return {
          provider: 'aws:bedrock',
          text: 'Summary.',
          stopReason: 'end_turn',
          usage: { inputTokens: 1, outputTokens: 1 },
        };
      },
    });
    expect(prompts[0]?.prompt).toBe(factSentences(facts));
    expect(prompts[0]?.prompt).toContain('There are 1 critical findings, 0 high, 0 medium and 1 low.');
    expect(prompts[0]?.system).toMatch(/do not invent/);
  });

  it('says so when there are no findings', async () => {
    const none = { ...facts, findings: [], counts: countBySeverity([]), byKind: countByKind([]) };
    const { markdown } = await composeReport(none, createInference({ mode: 'local' }).textGeneration);
    expect(markdown).toContain('No findings.');
    const unshared = await composeReport({ ...none, shares: [] }, createInference({ mode: 'local' }).textGeneration);
    expect(unshared.markdown).toContain('No CIFS share exposes this volume.');
  });
});

const task = (over: Partial<ReviewTaskView>): ReviewTaskView =>
  ({
    object_key: 'out/staging/run/compliance-report.md',
    final: { decision: 'approved', reviewer: 'alice', approver: 'bob', decided_at: '', comment: '' },
    policy: { requireDistinctApprover: true, retentionPeriod: 'P1Y', riskTier: 'standard' },
    ...over,
  }) as ReviewTaskView;
const draftKey = 'out/staging/run/compliance-report.md';

describe('decidePublication', () => {
  it('publishes without review only when none was needed', async () => {
    const loadTask = async () => task({});
    expect(
      await decidePublication({ reviewRequired: false, gate: { decision: 'not_required' }, draftKey, loadTask }),
    ).toEqual({ publish: true });
    expect(
      await decidePublication({ reviewRequired: true, gate: { decision: 'not_required' }, draftKey, loadTask }),
    ).toMatchObject({
      publish: false,
      reason: expect.stringMatching(/^ReviewMissing/),
    });
  });

  it('checks an approval against the review table, and keeps a rejection from publishing', async () => {
    const gate = { decision: 'approved' as const, reviewId: 'rv-1' };
    expect(await decidePublication({ reviewRequired: true, gate, draftKey, loadTask: async () => task({}) })).toEqual({
      publish: true,
      reviewedBy: { reviewer: 'alice', approver: 'bob', reviewId: 'rv-1' },
    });
    const sameperson = task({
      final: { decision: 'approved', reviewer: 'alice', approver: 'alice', decided_at: '', comment: '' },
    });
    expect(
      await decidePublication({ reviewRequired: true, gate, draftKey, loadTask: async () => sameperson }),
    ).toMatchObject({ publish: false });
    const otherObject = task({ object_key: 'elsewhere.md' });
    expect(
      await decidePublication({ reviewRequired: true, gate, draftKey, loadTask: async () => otherObject }),
    ).toMatchObject({ publish: false });
    const rejected = { Error: 'ReviewRejected', Cause: 'Everyone entry is intended' };
    expect(
      await decidePublication({ reviewRequired: true, gate: rejected, draftKey, loadTask: async () => task({}) }),
    ).toEqual({
      publish: false,
      reason: 'ReviewRejected: Everyone entry is intended',
    });
  });
});
