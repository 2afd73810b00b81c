import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { verifyChain } from '@fsxn/lineage';
import type { RunResult } from '@fsxn/local-stack';
import { withServiceStack } from '@fsxn/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateManufacturingSamples, SAMPLE_EXPECTATIONS } from '../samples/generate';
import { readParquetWithDuckDb } from './parquet-reader';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = 'fsxn-output/uc03-manufacturing-analytics/';

interface Report {
  counts: { discovered: number; succeeded: number; failed: number; skipped: number };
  items: { key: string; status: string; reason?: string; outputs: string[]; metrics: Record<string, number> }[];
  successMetrics: { id: string; measured: number | null }[];
  sensors: { rowsRead: number; rowsValid: number; badRows: number; imagesAnalyzed: number; imagesFlagged: number };
  anomalies: { status: string; engine: string; count: number; key: string; byMetric: Record<string, number> };
  reportKey: string;
}

/**
 * The deployed state machine on the local stack over generated sensor exports and inspection photos,
 * including a CSV without the value column, a binary file named .csv, a truncated JPEG and a text file
 * named .png: those fail with a reason and the run goes on.
 */
describe('UC3 pipeline on the local stack', () => {
  let dataDir = '';
  let result: RunResult;
  let report: Report;
  let lineageTable = '';
  let db: DynamoDBDocumentClient;

  beforeAll(async () => {
    const stack = await withServiceStack(serviceDir, {
      retryDelayMs: 1,
      seed: async (dir) => {
        dataDir = dir;
        await generateManufacturingSamples(dir);
      },
    });
    db = DynamoDBDocumentClient.from(stack.dynamodb.client());
    lineageTable = stack.info.tables.LineageTable ?? 'missing';
    result = await stack.run();
    report = result.output as Report;
  });

  it('accounts for every discovered file: valid ones succeed, broken ones fail with their reason', () => {
    expect(result.status).toBe('SUCCEEDED');
    const expectedFailed = Object.keys(SAMPLE_EXPECTATIONS.failed);
    expect(report.counts.discovered).toBe(SAMPLE_EXPECTATIONS.succeeded.length + expectedFailed.length);
    expect(report.counts.discovered).toBe(report.counts.succeeded + report.counts.failed + report.counts.skipped);
    const status = Object.fromEntries(report.items.map((i) => [i.key, i]));
    for (const key of SAMPLE_EXPECTATIONS.succeeded) expect(status[key]?.status, key).toBe('SUCCEEDED');
    for (const [key, reason] of Object.entries(SAMPLE_EXPECTATIONS.failed)) {
      expect(status[key]?.status, key).toBe('FAILED');
      expect(status[key]?.reason, key).toMatch(reason);
    }
    expect(report.items.some((i) => i.key.endsWith('readme.txt'))).toBe(false);
  });

  it('writes Parquet parts where the table reads them, and DuckDB reads back every valid row', async () => {
    const lineB = report.items.find((i) => i.key === 'sensors/line-b.csv');
    const parts = lineB?.outputs.filter((k) => k.endsWith('.parquet')) ?? [];
    expect(parts.length).toBeGreaterThan(0);
    for (const part of parts) expect(part.startsWith(`${OUT}parquet/`)).toBe(true);
    const rows = await readParquetWithDuckDb(parts.map((p) => join(dataDir, p)));
    // 2 sensors x 30 readings x 3 metrics, the three bad rows left out.
    expect(rows).toHaveLength(180);
    expect(rows.every((r) => r.source_key === 'sensors/line-b.csv')).toBe(true);
    expect(lineB?.metrics).toMatchObject({ rowsRead: 183, rowsValid: 180, badRows: 3 });
  });

  it('lists each bad row with its line number in the file summary', async () => {
    const lineB = report.items.find((i) => i.key === 'sensors/line-b.csv');
    const summaryKey = lineB?.outputs.find((k) => k.endsWith('.json')) ?? '';
    const summary = JSON.parse(await readFile(join(dataDir, summaryKey), 'utf8')) as {
      badRowDetails: { line: number; reason: string }[];
    };
    // Header on line 1, 180 readings on lines 2-181, the bad rows after them.
    expect(summary.badRowDetails).toEqual([
      { line: 182, reason: 'value "not-a-number" is not a finite number' },
      { line: 183, reason: 'timestamp "yesterday" is not ISO 8601' },
      { line: 184, reason: 'expected 5 fields, got 3' },
    ]);
  });

  it('finds the injected outliers with the SQL on DuckDB and writes them', async () => {
    expect(report.anomalies.status).toBe('DONE');
    expect(report.anomalies.engine).toBe('duckdb');
    const written = JSON.parse(await readFile(join(dataDir, report.anomalies.key), 'utf8')) as {
      anomalies: { value: number; deviations: number }[];
    };
    expect(written.anomalies).toHaveLength(report.anomalies.count);
    // 4 outliers injected at 12 sigma; with both files in one table each stays far beyond 3 sigma.
    expect(report.anomalies.count).toBe(4);
    expect(written.anomalies.every((a) => a.deviations > 3)).toBe(true);
  });

  it('flags the blurred and the dark image for review and passes the sharp one', async () => {
    for (const key of SAMPLE_EXPECTATIONS.flagged) {
      expect(report.items.find((i) => i.key === key)?.metrics.flaggedForReview, key).toBe(1);
    }
    expect(report.items.find((i) => i.key === 'inspection/part-0001.jpg')?.metrics.flaggedForReview).toBe(0);
    const analysis = JSON.parse(
      await readFile(join(dataDir, `${OUT}image-analysis/inspection/part-0002-blurred.jpg.json`), 'utf8'),
    ) as { quality: { width: number; height: number }; reviewReasons: string[]; labels: { provider: string } };
    expect(analysis.quality).toMatchObject({ width: 800, height: 600 });
    expect(analysis.reviewReasons.join(' ')).toMatch(/blurred/);
    expect(analysis.labels.provider).toMatch(/^local:/);
  });

  it('measures the success metrics and records a verifiable lineage chain', async () => {
    const measured = Object.fromEntries(report.successMetrics.map((m) => [m.id, m.measured]));
    expect(measured.badRowRate).toBeCloseTo(3 / (360 + 183), 10);
    expect(measured.flaggedForReviewRate).toBeCloseTo(2 / 3, 10);
    expect(measured.falsePositiveRate).toBeNull();
    expect(measured.anomalyLatencyMs).toBeGreaterThan(0);
    const lineage = await verifyChain({ db, tableName: lineageTable }, 'uc03-manufacturing-analytics');
    expect(lineage.ok).toBe(true);
    expect(lineage.checked).toBe(report.counts.succeeded + report.counts.failed);
  });
});
