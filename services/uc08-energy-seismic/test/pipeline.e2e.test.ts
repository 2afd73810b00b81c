import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { verifyChain } from '@fsxn/lineage';
import type { RunResult } from '@fsxn/local-stack';
import { withServiceStack } from '@fsxn/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { type GeneratedUc08Samples, generateUc08Samples } from '../samples';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = 'fsxn-output/uc08-energy-seismic/';

interface Report {
  counts: { discovered: number; succeeded: number; failed: number; skipped: number };
  items: { key: string; status: string; reason?: string; outputs: string[]; metrics: Record<string, number> }[];
  successMetrics: { id: string; measured: number | null }[];
  analytics: {
    engine: string;
    byWell: { well_id: string; anomalies: number }[];
    agreement: { ratio: number; matched: number };
  };
  complianceReportKey: string;
}

/** The deployed state machine on the local stack over the generated surveys and well logs, good and bad. */
describe('UC8 pipeline on the local stack', () => {
  let dataDir = '';
  let samples: GeneratedUc08Samples;
  let result: RunResult;
  let report: Report;
  let lineageOk: { ok: boolean; checked: number };

  beforeAll(async () => {
    const stack = await withServiceStack(serviceDir, {
      retryDelayMs: 1,
      seed: async (dir) => {
        dataDir = dir;
        samples = await generateUc08Samples(dir);
        await writeFile(join(dir, 'wells/notes.txt'), 'not in scope');
      },
    });
    result = await stack.run();
    report = result.output as Report;
    const db = DynamoDBDocumentClient.from(stack.dynamodb.client());
    lineageOk = await verifyChain(
      { db, tableName: stack.info.tables.LineageTable ?? 'missing' },
      'uc08-energy-seismic',
    );
  });

  it('accounts for every discovered file; truncated, non-SEG-Y and malformed files fail with the reason', () => {
    expect(result.status).toBe('SUCCEEDED');
    const { counts } = report;
    expect(counts.discovered).toBe(samples.files);
    expect(counts.discovered).toBe(counts.succeeded + counts.failed + counts.skipped);
    expect(counts.succeeded).toBe(samples.valid.length);
    const failures = Object.fromEntries(
      report.items.filter((i) => i.status === 'FAILED').map((i) => [i.key, i.reason]),
    );
    expect(failures).toEqual({
      'seismic/incoming/truncated.segy':
        'SegyFormatError: truncated: 2000 bytes, the SEG-Y file headers alone need 3600',
      'seismic/incoming/not-segy.sgy': expect.stringMatching(/^SegyFormatError: unknown data sample format code/),
      'wells/incoming/malformed.las': expect.stringMatching(
        /^WellLogParseError: line \d+: 3 values where ~C defines 4 curves/,
      ),
    });
    expect(report.items.some((i) => i.key.endsWith('notes.txt'))).toBe(false);
  });

  it('writes SEG-Y metadata read with bounded Range reads, flagging the file whose size does not match', async () => {
    const item = report.items.find((i) => i.key === 'seismic/extra-bytes-rev1-int16.sgy');
    expect(item?.metrics).toMatchObject({ traces: 20, traceCountExact: 0 });
    const rev2 = report.items.find((i) => i.key === 'seismic/south-block-rev2-ieee-le.segy');
    const metadata = JSON.parse(await readFile(join(dataDir, rev2?.outputs[0] ?? ''), 'utf8'));
    expect(metadata).toMatchObject({
      textualHeader: { encoding: 'ascii', surveyName: 'SOUTH BLOCK 2D' },
      binaryHeader: { endianness: 'little', formatCode: 5, extendedTextHeaders: 1, revision: { major: 2 } },
      layout: { traceCount: 25, traceCountExact: true },
    });
    for (const i of report.items.filter((x) => x.metrics.seismic === 1 && x.status === 'SUCCEEDED')) {
      expect(i.metrics.bytesRead).toBeLessThanOrEqual(i.metrics.readBudget ?? 0);
      expect(i.metrics.bytesRead).toBeLessThan(i.metrics.fileBytes ?? 0);
    }
  });

  it('finds the injected spikes, and the same rule in SQL (DuckDB) agrees with the parser', async () => {
    expect(report.analytics.engine).toBe('duckdb');
    expect(report.analytics.byWell.map((w) => [w.well_id, w.anomalies])).toEqual([
      ['A-1', 1],
      ['c-3', 1],
    ]);
    expect(report.analytics.agreement).toMatchObject({ ratio: 1, matched: 2 });
    expect(report.successMetrics.find((m) => m.id === 'anomalyAgreement')?.measured).toBe(1);
    const summary = JSON.parse(await readFile(join(dataDir, `${OUT}well-logs/wells/a-1.las.json`), 'utf8'));
    expect(summary.analysis.anomalies).toMatchObject([{ curve: 'GR', depth: 1600, value: 420 }]);
    expect(summary.analysis.curves.find((c: { mnemonic: string }) => c.mnemonic === 'RHOB')).toMatchObject({
      nulls: 4,
      count: 396,
    });
  });

  it('writes a compliance report naming the failures, with a narrative marked as local, and lineage for every file', async () => {
    const text = await readFile(join(dataDir, report.complianceReportKey), 'utf8');
    expect(text).toContain('seismic/incoming/truncated.segy: SegyFormatError');
    expect(text).toContain('- A-1: 1 anomalies');
    expect(text).toMatch(/## Narrative \(local:extractive-summary\)/);
    expect(lineageOk.ok).toBe(true);
    expect(lineageOk.checked).toBe(report.counts.succeeded + report.counts.failed);
  });
});
