import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditTrail, decide, listPending, reviewIdFor } from '@fsxn/human-review';
import { verifyChain } from '@fsxn/lineage';
import { localClientConfig, type RunEvent, type RunResult } from '@fsxn/local-stack';
import { withServiceStack } from '@fsxn/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateFinancialDocuments, type SampleFile } from '../samples/documents';
import { detectTesseract } from '../src/local-ocr';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = 'fsxn-output/uc02-financial-idp/';
const reviewer = { id: 'ap-clerk', roles: ['reviewer' as const] };
const approver = { id: 'ap-controller', roles: ['approver' as const] };

interface Report {
  counts: { discovered: number; succeeded: number; failed: number; skipped: number };
  items: { key: string; status: string; reason?: string; outputs: string[]; reviewed: boolean }[];
  successMetrics: { id: string; measured: number | null }[];
  reportKey: string;
}

interface SummaryJson {
  documentKey: string;
  documentType: string;
  language: string;
  text: { provider: string; excerpt: string };
  entities: { text: string; beginOffset: number; endOffset: number; provider: string }[];
  fields: Record<string, { value: string }[]>;
  summary: { provider: string; text: string };
  confidence: { value: number; missingFields: string[] };
}

/**
 * The deployed state machine on the local stack over the demo set: complete invoices and a contract pass
 * without review, the incomplete invoice waits at the review gate, scans are skipped (or, with tesseract
 * installed, read and found blank), corrupt and truncated files fail with their structural reason.
 */
describe('UC2 pipeline on the local stack', () => {
  let dataDir = '';
  let files: SampleFile[] = [];
  const gates: string[] = [];
  let result: RunResult;
  let report: Report;
  let releasedBeforeApproval: string[] = [];
  let deps: Parameters<typeof decide>[0];
  let lineageTable = '';
  let ocrInstalled = false;

  beforeAll(async () => {
    ocrInstalled = (await detectTesseract()) !== undefined;
    const stack = await withServiceStack(serviceDir, {
      retryDelayMs: 1,
      seed: async (dir) => {
        dataDir = dir;
        files = (await generateFinancialDocuments(dir)).files;
      },
    });
    deps = {
      db: DynamoDBDocumentClient.from(stack.dynamodb.client()),
      sfn: new SFNClient(localClientConfig(stack.info.endpoints.sfn)),
      tableName: stack.info.tables.ReviewTable ?? 'missing',
    };
    lineageTable = stack.info.tables.LineageTable ?? 'missing';
    let gateReached: () => void = () => undefined;
    const gateOpen = new Promise<void>((resolve) => {
      gateReached = resolve;
    });
    const onEvent = (event: RunEvent) => {
      if (event.type !== 'waiting-for-task-token') return;
      gates.push(event.name);
      gateReached();
    };
    const run = stack.run({ onEvent });
    await gateOpen;
    releasedBeforeApproval = await readdir(join(dataDir, OUT, 'summaries'), { recursive: true }).catch(() => []);
    for (const task of await listPending(deps, { useCaseId: 'uc02-financial-idp' })) {
      await decide(deps, { reviewId: task.review_id, decision: 'approved', actor: reviewer, comment: 'checked' });
      await decide(deps, { reviewId: task.review_id, decision: 'approved', actor: approver, comment: 'book it' });
    }
    result = await run;
    report = result.output as Report;
  });

  const item = (key: string) => report.items.find((i) => i.key === key);

  it('accounts for every document: discovered = succeeded + failed + skipped, the text file is ignored', () => {
    expect(result.status).toBe('SUCCEEDED');
    const { counts } = report;
    expect(counts.discovered).toBe(files.length);
    expect(counts.discovered).toBe(counts.succeeded + counts.failed + counts.skipped);
    expect(counts.succeeded).toBe(files.filter((f) => f.expect === 'released' || f.expect === 'reviewed').length);
    expect(report.items.some((i) => i.key.endsWith('readme.txt'))).toBe(false);
  });

  it('fails the corrupt PDF and the truncated TIFF with their structural reason', () => {
    expect(item('broken/corrupt.pdf')?.status).toBe('FAILED');
    expect(item('broken/corrupt.pdf')?.reason).toMatch(/^DocumentFormatError: PDF has no %%EOF/);
    expect(item('broken/truncated.tif')?.status).toBe('FAILED');
    expect(item('broken/truncated.tif')?.reason).toMatch(
      /^DocumentFormatError: TIFF image data \(strip 0\) runs past the end of the file/,
    );
  });

  it('never invents text for scans: skipped without an OCR engine, blank when OCR finds nothing', () => {
    expect(item('scans/scan-no-text-layer.pdf')).toMatchObject({ status: 'SKIPPED' });
    expect(item('scans/scan-no-text-layer.pdf')?.reason).toMatch(
      /^no offline OCR engine for PDF pages \(no-text-layer\)/,
    );
    for (const key of ['scans/receipt.png', 'scans/receipt.jpg', 'scans/fax.tif']) {
      if (ocrInstalled) {
        expect(item(key)).toMatchObject({
          status: 'FAILED',
          reason: expect.stringMatching(/^NoTextFound: local:tesseract-ocr/),
        });
      } else {
        expect(item(key)).toMatchObject({
          status: 'SKIPPED',
          reason: expect.stringMatching(/^no offline OCR engine: image\//),
        });
      }
    }
  });

  it('sends only the low-confidence invoice to the review gate and releases nothing of it before approval', () => {
    expect(gates).toHaveLength(1);
    const reviewedKeys = report.items.filter((i) => i.reviewed).map((i) => i.key);
    expect(reviewedKeys).toEqual(['incoming/inv-unclear.pdf']);
    expect(releasedBeforeApproval.some((name) => String(name).includes('inv-unclear'))).toBe(false);
    const reviewRate = report.successMetrics.find((m) => m.id === 'reviewRate')?.measured;
    expect(reviewRate).toBeCloseTo(1 / 6, 6);
  });

  it('writes summaries/YYYY/MM/DD/<flattened key>.json with text, entities at their offsets and provider labels', async () => {
    const today = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
    const contract = item('contracts/service_agreement.pdf');
    // `_` already in the key is escaped so that flattening `/` to `_` stays reversible.
    expect(contract?.outputs).toEqual([`${OUT}summaries/${today}/contracts_service%5Fagreement.pdf.json`]);
    for (const released of report.items.filter((i) => i.status === 'SUCCEEDED')) {
      const doc = JSON.parse(await readFile(join(dataDir, released.outputs[0] ?? ''), 'utf8')) as SummaryJson;
      expect(doc.documentKey).toBe(released.key);
      expect(doc.text.provider).toBe('local:pdf-text-layer');
      expect(doc.summary.provider).toBe('local:extractive-summary');
      for (const e of doc.entities) {
        expect(e.provider).toBe('local:entity-rules');
        expect(doc.text.excerpt.slice(e.beginOffset, e.endOffset)).toBe(e.text);
      }
    }
  });

  it('extracts the Japanese invoice: yen amount, dates, 株式会社 parties and the checked registration number', async () => {
    const jp = item('invoices/jp/seikyusho-0107.pdf');
    expect(jp).toMatchObject({ status: 'SUCCEEDED', reviewed: false });
    const doc = JSON.parse(await readFile(join(dataDir, jp?.outputs[0] ?? ''), 'utf8')) as SummaryJson;
    expect(doc.language).toBe('ja');
    expect(doc.documentType).toBe('invoice');
    expect(doc.fields.amounts?.map((a) => a.value)).toEqual(['JPY 110000']);
    expect(doc.fields.dates?.map((d) => d.value)).toEqual(['2024-04-30', '2024-05-31']);
    expect(doc.fields.parties?.map((p) => p.value)).toEqual(['株式会社山田商事', '東京データ株式会社']);
    expect(doc.fields.invoiceNumbers?.map((n) => n.value)).toEqual(['INV-2024-0107']);
    expect(doc.fields.taxIds?.map((t) => t.value)).toEqual(['T7123456789012']);
    expect(doc.confidence.value).toBe(1);
  });

  it('keeps the review audit trail and a verifiable lineage chain with one record per document', async () => {
    const trail = await auditTrail(deps, reviewIdFor(result.executionArn, 'incoming/inv-unclear.pdf'));
    expect(trail.map((a) => [a.action, a.reviewer_id, a.actor_role])).toEqual([
      ['created', '', 'system'],
      ['reviewed', 'ap-clerk', 'reviewer'],
      ['approved', 'ap-controller', 'approver'],
    ]);
    expect(trail[0]?.confidence_score).toBe(0.25);
    const lineage = await verifyChain({ db: deps.db, tableName: lineageTable }, 'uc02-financial-idp');
    expect(lineage.ok).toBe(true);
    expect(lineage.checked).toBe(files.length);
    const staging = await readdir(join(dataDir, OUT, 'staging'), { recursive: true }).catch(() => []);
    expect(staging.filter((name) => String(name).endsWith('.json'))).toEqual([]);
  });
});
