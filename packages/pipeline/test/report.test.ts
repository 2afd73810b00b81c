import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountsMismatchError } from '../src/errors';
import { failed, type ItemResult, itemResultSchema, reasonFromCatch, skipped, succeeded } from '../src/item-result';
import { buildRunReport, summarizeReport } from '../src/report';
import type { SuccessMetric } from '../src/success-metrics';

const metrics: SuccessMetric[] = [
  {
    id: 'filesProcessed',
    outcome: 'o',
    metric: 'Files processed',
    target: { op: '>=', value: 3, unit: 'files' },
    measurement: 'm',
  },
  { id: 'phiLeaks', outcome: 'o', metric: 'PHI leaks', target: { op: '==', value: 0, unit: '' }, measurement: 'm' },
  { id: 'costPerRun', outcome: 'o', metric: 'Cost', target: { op: '<=', value: 15, unit: 'USD' }, measurement: 'm' },
];

const base = {
  service: 'svc',
  executionArn: 'arn:aws:states:us-east-1:0:execution:sm:run-1',
  startedAt: 't0',
  finishedAt: 't1',
};

describe('buildRunReport', () => {
  it('counts, groups failures, computes latency percentiles and evaluates success metrics', () => {
    const items = [
      succeeded('a.dcm', { outputs: ['out/a.dcm'], metrics: { latencyMs: 10 }, reviewed: true }),
      succeeded('b.dcm', { outputs: ['out/b.dcm'], metrics: { latencyMs: 30 }, reviewed: true }),
      failed('c.dcm', 'DicomParseError: truncated at offset 300', { metrics: { latencyMs: 5 } }),
      failed('d.dcm', 'DicomParseError: no DICM magic', { metrics: { latencyMs: 1 } }),
    ];
    const report = buildRunReport({
      ...base,
      discovered: 4,
      skippedAtDiscovery: [skipped('e.dcm', 'already processed')],
      items,
      successMetrics: metrics,
      measured: { phiLeaks: 0 },
    });
    expect(report.counts).toEqual({ discovered: 5, succeeded: 2, failed: 2, skipped: 1 });
    expect(report.failuresByReason).toEqual({ DicomParseError: 2 });
    // Sorted latencies 1,5,10,30: nearest-rank p50 is the 2nd (5), p95 the 4th (30).
    expect(report.latencyMs).toEqual({ p50: 5, p95: 30, max: 30 });
    // Both released items were reviewed; failures never reach the gate and don't count.
    expect(report.reviewRate).toBe(1);
    expect(report.outputs).toEqual(['out/a.dcm', 'out/b.dcm']);
    expect(report.successMetrics.map((m) => [m.id, m.measured, m.met])).toEqual([
      ['filesProcessed', 4, true],
      ['phiLeaks', 0, true],
      ['costPerRun', null, null],
    ]);
    expect(summarizeReport(report)).toContain('5 discovered, 2 succeeded, 2 failed, 1 skipped');
  });

  it('shows an output released without review as a review rate below 1', () => {
    const report = buildRunReport({
      ...base,
      discovered: 2,
      skippedAtDiscovery: [],
      items: [succeeded('a', { reviewed: true }), succeeded('b', { reviewed: false })],
      successMetrics: metrics,
    });
    expect(report.reviewRate).toBe(0.5);
  });

  it('refuses a report where an item was lost in the Map', () => {
    expect(() =>
      buildRunReport({
        ...base,
        discovered: 2,
        skippedAtDiscovery: [],
        items: [succeeded('a')],
        successMetrics: metrics,
      }),
    ).toThrow(CountsMismatchError);
  });

  it('always adds up: discovered = succeeded + failed + skipped', () => {
    const item = fc.oneof(
      fc.string({ minLength: 1 }).map((k): ItemResult => succeeded(k)),
      fc.tuple(fc.string({ minLength: 1 }), fc.string({ minLength: 1 })).map(([k, r]) => failed(k, r)),
      fc.tuple(fc.string({ minLength: 1 }), fc.string({ minLength: 1 })).map(([k, r]) => skipped(k, r)),
    );
    fc.assert(
      fc.property(fc.array(item), fc.array(item.filter((i) => i.status === 'SKIPPED')), (items, pre) => {
        const r = buildRunReport({
          ...base,
          discovered: items.length,
          skippedAtDiscovery: pre,
          items,
          successMetrics: metrics,
        });
        expect(r.counts.discovered).toBe(r.counts.succeeded + r.counts.failed + r.counts.skipped);
        expect(r.counts.discovered).toBe(items.length + pre.length);
      }),
    );
  });
});

describe('itemResultSchema', () => {
  it('refuses a failed or skipped item without a reason, so no failure is ever unexplained', () => {
    expect(itemResultSchema.safeParse({ key: 'a', status: 'FAILED' }).success).toBe(false);
    expect(itemResultSchema.safeParse({ key: 'a', status: 'SKIPPED' }).success).toBe(false);
    expect(itemResultSchema.safeParse({ key: 'a', status: 'SUCCEEDED' }).success).toBe(true);
  });
});

describe('reasonFromCatch', () => {
  it('reads the Lambda error message out of a Step Functions Catch cause', () => {
    const cause = JSON.stringify({ errorType: 'PermanentError', errorMessage: 'S3ApNotFoundError: no such key' });
    expect(reasonFromCatch({ Error: 'PermanentError', Cause: cause })).toBe(
      'PermanentError: S3ApNotFoundError: no such key',
    );
    expect(reasonFromCatch({ Error: 'States.Timeout', Cause: 'task timed out' })).toBe(
      'States.Timeout: task timed out',
    );
    expect(reasonFromCatch(undefined)).toBe('unknown error');
  });
});
