import type { RunEvent, RunResult } from '@fsxn/local-stack';

export interface ReportItem {
  key: string;
  status: 'SUCCEEDED' | 'FAILED' | 'SKIPPED';
  reason?: string;
  outputs?: string[];
}

/** What `fsxn run --json` prints: the execution's output plus counts that add up. */
export interface RunReportJson {
  service: string;
  executionArn: string;
  status: RunResult['status'];
  error?: string;
  cause?: string;
  startedAt: string;
  finishedAt: string;
  dataDir: string;
  outputPrefix: string;
  counts: { discovered: number; succeeded: number; failed: number; skipped: number };
  items: ReportItem[];
  metrics: Record<string, number>;
  outputs: string[];
  output: unknown;
}

const STATUSES = new Set(['SUCCEEDED', 'FAILED', 'SKIPPED']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const asItem = (value: unknown): ReportItem | undefined => {
  if (!isRecord(value) || typeof value.key !== 'string' || !STATUSES.has(String(value.status))) return undefined;
  const reason = typeof value.reason === 'string' ? value.reason : undefined;
  const outputs = Array.isArray(value.outputs)
    ? value.outputs.filter((o): o is string => typeof o === 'string')
    : undefined;
  return {
    key: value.key,
    status: value.status as ReportItem['status'],
    ...(reason ? { reason } : {}),
    ...(outputs ? { outputs } : {}),
  };
};

const asItems = (value: unknown): ReportItem[] | undefined => {
  if (!Array.isArray(value)) return undefined;
  const items = value.map(asItem);
  return items.every((i) => i !== undefined) ? (items as ReportItem[]) : undefined;
};

/**
 * Items come from the final output's `items` (the Report step's list) or, when the state machine ends
 * without one, from the last Map state's results. Counts are derived from the items so they always add up.
 */
export const buildRunReport = (input: {
  service: string;
  dataDir: string;
  outputPrefix: string;
  result: RunResult;
  events: readonly RunEvent[];
}): RunReportJson => {
  const { result, events } = input;
  const output = result.output;
  let items = isRecord(output) ? asItems(output.items) : undefined;
  if (!items) {
    const mapNames = new Set(events.flatMap((e) => (e.type === 'map-started' ? [e.name] : [])));
    const lastMapExit = [...events]
      .reverse()
      .find((e) => e.type === 'state-exited' && e.index === undefined && mapNames.has(e.name));
    if (lastMapExit?.type === 'state-exited') {
      const out = lastMapExit.output;
      items =
        asItems(out) ??
        (isRecord(out)
          ? Object.values(out)
              .map(asItems)
              .find((v) => v !== undefined)
          : undefined);
    }
  }
  const list = items ?? [];
  const count = (status: ReportItem['status']) => list.filter((i) => i.status === status).length;
  const outputs =
    isRecord(output) && Array.isArray(output.outputs)
      ? output.outputs.filter((o): o is string => typeof o === 'string')
      : list.flatMap((i) => i.outputs ?? []);
  const metrics: Record<string, number> = {
    durationMs: Date.parse(result.finishedAt) - Date.parse(result.startedAt),
    retries: events.filter((e) => e.type === 'state-retried').length,
    caughtErrors: events.filter((e) => e.type === 'state-caught').length,
    reviewsWaited: events.filter((e) => e.type === 'waiting-for-task-token').length,
  };
  if (isRecord(output) && isRecord(output.metrics)) {
    for (const [k, v] of Object.entries(output.metrics)) if (typeof v === 'number') metrics[k] = v;
  }
  return {
    service: input.service,
    executionArn: result.executionArn,
    status: result.status,
    ...(result.error ? { error: result.error } : {}),
    ...(result.cause ? { cause: result.cause } : {}),
    startedAt: result.startedAt,
    finishedAt: result.finishedAt,
    dataDir: input.dataDir,
    outputPrefix: input.outputPrefix,
    counts: {
      discovered: list.length,
      succeeded: count('SUCCEEDED'),
      failed: count('FAILED'),
      skipped: count('SKIPPED'),
    },
    items: list,
    metrics,
    outputs,
    output: output ?? null,
  };
};

/** The human summary printed after a run (stderr when --json, stdout otherwise). */
export const formatRunReport = (report: RunReportJson): string => {
  const { discovered, succeeded, failed, skipped } = report.counts;
  const lines = [
    `${report.service}: ${report.status}${report.error ? ` (${report.error}: ${report.cause ?? ''})` : ''}`,
    `  ${discovered} discovered, ${succeeded} succeeded, ${failed} failed, ${skipped} skipped in ${report.metrics.durationMs} ms`,
  ];
  for (const item of report.items.filter((i) => i.status !== 'SUCCEEDED')) {
    lines.push(`  ${item.status.padEnd(9)} ${item.key}${item.reason ? `: ${item.reason}` : ''}`);
  }
  const metrics =
    isRecord(report.output) && Array.isArray(report.output.successMetrics) ? report.output.successMetrics : [];
  if (metrics.length) lines.push('  success metrics (measured for this run):');
  for (const m of metrics) {
    if (!isRecord(m) || !isRecord(m.target)) continue;
    const measured = typeof m.measured === 'number' ? String(Number(m.measured.toFixed(4))) : 'not measurable offline';
    const verdict = m.met === true ? 'met' : m.met === false ? 'MISSED' : '-';
    lines.push(
      `    ${String(m.metric)}: ${measured} (target ${String(m.target.op)} ${String(m.target.value)}) ${verdict}`,
    );
  }
  if (report.outputs.length) {
    lines.push(`  outputs under ${report.dataDir}/${report.outputPrefix}:`);
    for (const key of report.outputs) lines.push(`    ${key}`);
  }
  return `${lines.join('\n')}\n`;
};
