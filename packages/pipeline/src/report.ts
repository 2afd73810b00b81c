import { CountsMismatchError } from './errors';
import type { ItemResult } from './item-result';
import { percentile } from './percentile';
import { type EvaluatedMetric, evaluateSuccessMetrics, type SuccessMetric } from './success-metrics';

export interface RunReportInput {
  service: string;
  executionArn: string;
  startedAt: string;
  finishedAt: string;
  /** Items discovery put in scope (the Map's input). */
  discovered: number;
  /** Items discovery itself set aside (already processed, out of scope after sniffing...). */
  skippedAtDiscovery: readonly ItemResult[];
  /** One result per Map iteration. */
  items: readonly ItemResult[];
  successMetrics: readonly SuccessMetric[];
  /** Service-specific measurements keyed by success-metric id (merged over the generic ones). */
  measured?: Readonly<Record<string, number | undefined>>;
}

export interface RunReport {
  service: string;
  executionArn: string;
  startedAt: string;
  finishedAt: string;
  counts: { discovered: number; succeeded: number; failed: number; skipped: number };
  items: ItemResult[];
  failuresByReason: Record<string, number>;
  latencyMs: { p50: number | null; p95: number | null; max: number | null };
  reviewRate: number | null;
  outputs: string[];
  successMetrics: EvaluatedMetric[];
}

/** Groups failure reasons by their first clause so that per-file details don't explode the table. */
const reasonClass = (reason: string | undefined): string =>
  (reason ?? 'unknown').split(/[:(]/, 1)[0]?.trim() || 'unknown';

/**
 * Builds the report of a run. Throws when the counts don't add up, because that means an item was
 * lost between discovery and the report, which the pipeline promises never happens.
 */
export const buildRunReport = (input: RunReportInput): RunReport => {
  const items = [...input.skippedAtDiscovery, ...input.items];
  const count = (status: ItemResult['status']) => items.filter((i) => i.status === status).length;
  const counts = {
    discovered: input.discovered + input.skippedAtDiscovery.length,
    succeeded: count('SUCCEEDED'),
    failed: count('FAILED'),
    skipped: count('SKIPPED'),
  };
  if (input.items.length !== input.discovered) {
    throw new CountsMismatchError(
      `${input.discovered} items entered the Map but ${input.items.length} results came out`,
    );
  }
  if (counts.discovered !== counts.succeeded + counts.failed + counts.skipped) {
    throw new CountsMismatchError(`counts do not add up: ${JSON.stringify(counts)}`);
  }

  const failuresByReason: Record<string, number> = {};
  for (const item of items) {
    if (item.status !== 'FAILED') continue;
    const cls = reasonClass(item.reason);
    failuresByReason[cls] = (failuresByReason[cls] ?? 0) + 1;
  }
  const latencies = input.items.flatMap((i) => (i.metrics.latencyMs === undefined ? [] : [i.metrics.latencyMs]));
  // Of what was released (succeeded), the share a person reviewed: below 1 means output went out unreviewed.
  const released = items.filter((i) => i.status === 'SUCCEEDED');
  const reviewRate = released.length === 0 ? null : released.filter((i) => i.reviewed).length / released.length;
  const latencyMs = {
    p50: percentile(latencies, 50) ?? null,
    p95: percentile(latencies, 95) ?? null,
    max: latencies.length ? Math.max(...latencies) : null,
  };
  const generic: Record<string, number | undefined> = {
    filesProcessed: counts.succeeded + counts.failed,
    filesSucceeded: counts.succeeded,
    failureRate: counts.discovered === 0 ? 0 : counts.failed / counts.discovered,
    latencyP50Ms: latencyMs.p50 ?? undefined,
    latencyP95Ms: latencyMs.p95 ?? undefined,
    reviewRate: reviewRate ?? undefined,
  };
  return {
    service: input.service,
    executionArn: input.executionArn,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    counts,
    items,
    failuresByReason,
    latencyMs,
    reviewRate,
    outputs: items.flatMap((i) => i.outputs),
    successMetrics: evaluateSuccessMetrics(input.successMetrics, { ...generic, ...input.measured }),
  };
};

/** A few lines for the notification (SNS in AWS, console offline). */
export const summarizeReport = (report: RunReport): string => {
  const { discovered, succeeded, failed, skipped } = report.counts;
  const lines = [
    `${report.service}: ${discovered} discovered, ${succeeded} succeeded, ${failed} failed, ${skipped} skipped`,
  ];
  for (const [reason, n] of Object.entries(report.failuresByReason)) lines.push(`  failed ${n}x: ${reason}`);
  const missed = report.successMetrics.filter((m) => m.met === false);
  for (const m of missed)
    lines.push(`  target missed: ${m.metric} (${m.measured} vs ${m.target.op} ${m.target.value})`);
  return lines.join('\n');
};
