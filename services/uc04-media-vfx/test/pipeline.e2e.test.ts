import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { verifyChain } from '@fsxn/lineage';
import type { RunResult } from '@fsxn/local-stack';
import { withServiceStack } from '@fsxn/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateRenderOutputs, type RenderOutputs } from '../samples/render-outputs';
import type { SequenceReport } from '../src/domain';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = 'fsxn-output/uc04-media-vfx/';

interface Report {
  counts: { discovered: number; succeeded: number; failed: number; skipped: number };
  items: { key: string; status: string; reason?: string; metrics: Record<string, number> }[];
  successMetrics: { id: string; measured: number | null }[];
  findings: { sequenceReportKey: string; sequences: number; blackFrames: number; missingFrames: number };
  rerenderJobs: { submitted: unknown[]; skipped?: string };
  reportKey: string;
}

/**
 * The deployed state machine on the local stack over generated render outputs: EXR and DPX sequences with
 * known problems, a truncated EXR, a truncated DPX and a PNG named .exr. Deadline Cloud params are empty
 * (the default), so the re-render step must be skipped, not simulated.
 */
describe('UC4 pipeline on the local stack', () => {
  let dataDir = '';
  let samples: RenderOutputs;
  let result: RunResult;
  let report: Report;
  let sequences: SequenceReport[];
  let lineageTable = '';
  let db: DynamoDBDocumentClient;

  beforeAll(async () => {
    const stack = await withServiceStack(serviceDir, {
      retryDelayMs: 1,
      seed: async (dir) => {
        dataDir = dir;
        samples = await generateRenderOutputs(dir);
      },
    });
    db = DynamoDBDocumentClient.from(stack.dynamodb.client());
    lineageTable = stack.info.tables.LineageTable ?? 'missing';
    result = await stack.run();
    report = result.output as Report;
    const written = JSON.parse(await readFile(join(dataDir, report.findings.sequenceReportKey), 'utf8')) as {
      sequences: SequenceReport[];
    };
    sequences = written.sequences;
  });

  it('accounts for every discovered frame: valid ones succeed, truncated and wrong-magic ones fail with a reason', () => {
    expect(result.status).toBe('SUCCEEDED');
    const { counts } = report;
    expect(counts.discovered).toBe(samples.files.length);
    expect(counts.discovered).toBe(counts.succeeded + counts.failed + counts.skipped);
    expect(counts.failed).toBe(Object.keys(samples.bad).length);
    for (const [key, word] of Object.entries(samples.bad)) {
      const item = report.items.find((i) => i.key === key);
      expect(item?.status).toBe('FAILED');
      expect(item?.reason).toContain(word);
    }
    expect(report.items.some((i) => i.key.endsWith('notes.txt'))).toBe(false);
  });

  it('reads frames with Range reads of a bounded size, never whole large files', () => {
    const valid = report.items.filter((i) => i.status === 'SUCCEEDED');
    for (const item of valid) {
      expect(item.metrics.bytesRead).toBeGreaterThan(0);
      expect(item.metrics.rangeReads).toBeGreaterThan(1);
    }
  });

  it('reports the gap, black frame and identical content of the ZIP EXR sequence', () => {
    const comp = sequences.find((s) => s.pattern === 'renders/sh010/comp/sh010_comp_v003.%04d.exr');
    expect(comp).toMatchObject({
      firstFrame: 1001,
      lastFrame: 1006,
      missing: ['1004'],
      blackFrames: [1005],
      identicalContent: [{ frames: [1003, 1006] }],
      rerenderFrames: [1004, 1005],
    });
  });

  it('reports the resolution change and the flat frame of the uncompressed EXR sequence', () => {
    const beauty = sequences.find((s) => s.pattern === 'renders/sh020/lighting/sh020_beauty_v001.%04d.exr');
    expect(beauty?.uniformFrames).toEqual([4]);
    expect(beauty?.changes.filter((c) => c.field === 'resolution')).toEqual([
      expect.objectContaining({ frame: 3, from: '64x36', to: '32x18' }),
      expect.objectContaining({ frame: 4, from: '32x18', to: '64x36' }),
    ]);
  });

  it('reports the duplicate frame number in the 10-bit DPX plate and the black 8-bit DPX matte', () => {
    const plate = sequences.find((s) => s.pattern.startsWith('plates/sh030/sh030_plate_'));
    expect(plate?.duplicateFrameNumbers).toEqual([
      { frame: 1002, keys: ['plates/sh030/sh030_plate_01002.dpx', 'plates/sh030/sh030_plate_1002.dpx'] },
    ]);
    expect(plate?.blackFrames).toEqual([]);
    const matte = sequences.find((s) => s.pattern === 'mattes/sh040/sh040_matte.%04d.dpx');
    expect(matte?.blackFrames).toEqual([2]);
  });

  it('skips the Deadline Cloud step when no farm and queue are configured', () => {
    expect(report.rerenderJobs.submitted).toEqual([]);
    expect(report.rerenderJobs.skipped).toMatch(/not configured/);
  });

  it('measures the success metrics and writes the report under the output prefix', async () => {
    const measured = Object.fromEntries(report.successMetrics.map((m) => [m.id, m.measured]));
    const valid = samples.files.length - Object.keys(samples.bad).length;
    expect(measured.headerParseRate).toBeCloseTo(valid / samples.files.length);
    expect(measured.blankCheckCoverage).toBe(1);
    expect(measured.sequencesWithProblems).toBeGreaterThanOrEqual(4);
    expect(report.reportKey.startsWith(`${OUT}reports/`)).toBe(true);
    const written = JSON.parse(await readFile(join(dataDir, report.reportKey), 'utf8')) as Report;
    expect(written.counts).toEqual(report.counts);
  });

  it('records a verifiable lineage chain with one record per checked frame', async () => {
    const lineage = await verifyChain({ db, tableName: lineageTable }, 'uc04-media-vfx');
    expect(lineage.ok).toBe(true);
    expect(lineage.checked).toBe(report.counts.succeeded + report.counts.failed);
  });
});
