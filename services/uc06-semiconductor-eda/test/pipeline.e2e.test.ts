import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { verifyChain } from '@fsxn/lineage';
import type { RunResult, ServiceStack } from '@fsxn/local-stack';
import { withServiceStack } from '@fsxn/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { type GeneratedLayouts, generateLayoutSamples } from '../samples/layouts';
import { metadataRowKey } from '../src/outputs';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = 'fsxn-output/uc06-semiconductor-eda/';

interface Report {
  counts: { discovered: number; succeeded: number; failed: number; skipped: number };
  items: { key: string; status: string; reason?: string; outputs: string[]; metrics: Record<string, number> }[];
  successMetrics: { id: string; measured: number | null }[];
  reportKey: string;
  designReviewKey: string;
  flaggedFiles: string[];
}

/** The deployed state machine on the local stack over generated layouts, including broken ones. */
describe('UC6 pipeline on the local stack', () => {
  let stack: ServiceStack;
  let dataDir = '';
  let samples: GeneratedLayouts;
  let result: RunResult;
  let report: Report;

  beforeAll(async () => {
    stack = await withServiceStack(serviceDir, {
      retryDelayMs: 1,
      seed: async (dir) => {
        dataDir = dir;
        samples = await generateLayoutSamples(dir);
      },
    });
    stack.resetS3Stats();
    result = await stack.run();
    report = result.output as Report;
  });

  it('accounts for every layout: valid ones succeed, truncated and wrong ones fail with the parser reason', () => {
    expect(result.status).toBe('SUCCEEDED');
    const { counts } = report;
    const expectedInScope = samples.valid.length + Object.keys(samples.invalid).length;
    expect(counts.discovered).toBe(expectedInScope);
    expect(counts.discovered).toBe(counts.succeeded + counts.failed + counts.skipped);
    expect(counts.succeeded).toBe(samples.valid.length);
    for (const [key, reason] of Object.entries(samples.invalid)) {
      const item = report.items.find((i) => i.key === key);
      expect(item?.status, key).toBe('FAILED');
      expect(item?.reason).toMatch(reason);
      expect(item?.reason).toMatch(/at byte offset \d+/);
    }
    expect(report.items.some((i) => i.key.endsWith('readme.txt'))).toBe(false);
  });

  it('writes each layout summary with hierarchical boxes, and one table row per file (invalid ones with NULL cells)', async () => {
    const summary = JSON.parse(await readFile(join(dataDir, OUT, 'layouts/design/adder_4bit.gds.json'), 'utf8'));
    expect(summary.summary.bboxUser).toEqual({ minX: -5, minY: -5, maxX: 80.5, maxY: 16 });
    expect(summary.summary.topCells).toEqual(['ADDER_4BIT', 'SPARE']);
    const row = JSON.parse(await readFile(join(dataDir, OUT, metadataRowKey('design/adder_4bit.gds')), 'utf8'));
    expect(row).toMatchObject({ file_key: 'design/adder_4bit.gds', file_format: 'GDSII', cell_count: 5 });
    expect(row.bbox_width).toBeCloseTo(85.5, 9);
    const invalid = JSON.parse(await readFile(join(dataDir, OUT, metadataRowKey('incoming/truncated.gds')), 'utf8'));
    expect(invalid.cell_count).toBeNull();
  });

  it('reads whole GDSII files by streaming but only a bounded number of bytes of each OASIS file', () => {
    const item = (key: string) => report.items.find((i) => i.key === key);
    const sram = item('design/sram_macro.gds2');
    expect(sram?.metrics.bytesRead).toBe(sram?.metrics.sizeBytes);
    const chip = item('design/chip.oas');
    expect(chip?.metrics.bytesRead).toBeLessThanOrEqual((chip?.metrics.sizeBytes ?? 0) + 256);
  });

  it('flags the SQL outliers and naming violations and writes a design review from computed facts', async () => {
    const { analysisKey } = JSON.parse(await readFile(join(dataDir, report.reportKey), 'utf8'));
    const analysis = JSON.parse(await readFile(join(dataDir, analysisKey), 'utf8'));
    expect(analysis.engine).toBe('duckdb');
    const high = analysis.outliers.filter((o: { direction: string }) => o.direction === 'HIGH');
    expect(high.map((o: { id: string; metric: string }) => `${o.metric}:${o.id}`)).toEqual(
      expect.arrayContaining([
        'bbox_width:design/sram_macro.gds2',
        'bbox_height:design/sram_macro.gds2',
        'cell_count:design/std-cells.gds',
      ]),
    );
    expect(analysis.libraryNamingViolations).toEqual([{ file_key: 'design/std-cells.gds', library_name: 'std-cells' }]);
    expect(analysis.cellCountStats.invalid_files).toBe(Object.keys(samples.invalid).length);
    expect(report.flaggedFiles).toEqual(expect.arrayContaining(['design/std-cells.gds', 'design/macro.oasis']));
    const review = await readFile(join(dataDir, report.designReviewKey), 'utf8');
    expect(review).toMatch(/^# EDA design review/);
    expect(review).toContain('local:extractive-summary');
    expect(review).toContain('- incoming/truncated.gds: LayoutParseError: truncated');
    expect(review).toContain('Library name "std-cells" in design/std-cells.gds breaks the rule.');
    const measured = Object.fromEntries(report.successMetrics.map((m) => [m.id, m.measured]));
    expect(measured.analyticsQueryMs).toBeGreaterThanOrEqual(0);
    expect(measured.flaggedFileRate).toBeCloseTo(report.flaggedFiles.length / report.counts.succeeded, 9);
  });

  it('keeps a verifiable lineage chain with one record per processed file', async () => {
    const db = DynamoDBDocumentClient.from(stack.dynamodb.client());
    const lineage = await verifyChain(
      { db, tableName: stack.info.tables.LineageTable ?? 'missing' },
      'uc06-semiconductor-eda',
    );
    expect(lineage.ok).toBe(true);
    expect(lineage.checked).toBe(report.counts.succeeded + report.counts.failed);
  });
});
