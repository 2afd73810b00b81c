import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { ComprehendClient, DetectEntitiesCommand } from '@aws-sdk/client-comprehend';
import {
  AnalyzeDocumentCommand,
  type Block,
  GetDocumentAnalysisCommand,
  StartDocumentAnalysisCommand,
  TextractClient,
} from '@aws-sdk/client-textract';
import { createInference } from '@fsxn/inference';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { uniformTiff } from '../samples/images';
import { asciiTextPdf } from '../samples/pdf-writer';
import { processDocument } from '../src/process-document';
import { reviewNeedOf } from '../src/review-policy';
import { textractReader } from '../src/text-source';

const textract = mockClient(TextractClient);
const comprehend = mockClient(ComprehendClient);
const bedrock = mockClient(BedrockRuntimeClient);

const LINES = ['INVOICE', 'Globex Corporation', 'Invoice No: INV-9', 'Date: 2024-03-15', 'Total: USD 300.00'];
const lineBlocks = (confidence: number, page = 1): Block[] => [
  { BlockType: 'PAGE', Id: `p${page}`, Page: page },
  ...LINES.map((text, i) => ({
    BlockType: 'LINE' as const,
    Id: `l${page}-${i}`,
    Text: text,
    Confidence: confidence,
    Page: page,
  })),
];
const TEXT = LINES.join('\n');
const at = (needle: string) => ({ BeginOffset: TEXT.indexOf(needle), EndOffset: TEXT.indexOf(needle) + needle.length });

const staged: string[] = [];
const deleted: string[] = [];
const ai = createInference({
  mode: 'aws',
  region: 'us-east-1',
  clients: {
    textract: new TextractClient({}),
    comprehend: new ComprehendClient({}),
    bedrockRuntime: new BedrockRuntimeClient({}),
  },
  textract: { pollIntervalMs: 1, sleep: async () => undefined },
});
const deps = {
  readText: textractReader(ai.documentText, {
    bucket: 'staging-bucket',
    put: async (key: string) => {
      staged.push(key);
    },
    delete: async (key: string) => {
      deleted.push(key);
    },
  }),
  entities: ai.entities,
  textGeneration: ai.textGeneration,
  now: () => new Date('2024-06-01T00:00:00Z'),
};

describe('the AWS path (Textract, Comprehend, Bedrock through @fsxn/inference, mocked SDK clients)', () => {
  beforeEach(() => {
    textract.reset();
    comprehend.reset();
    bedrock.reset();
    staged.length = 0;
    deleted.length = 0;
    comprehend.on(DetectEntitiesCommand).resolves({
      Entities: [
        { Type: 'ORGANIZATION', Text: 'Globex Corporation', Score: 0.98, ...at('Globex Corporation') },
        { Type: 'DATE', Text: '2024-03-15', Score: 0.99, ...at('2024-03-15') },
      ],
    });
    bedrock.on(ConverseCommand).resolves({
      output: {
        message: { role: 'assistant', content: [{ text: 'Invoice INV-9 from Globex Corporation for USD 300.' }] },
      },
      stopReason: 'end_turn',
      usage: { inputTokens: 50, outputTokens: 12, totalTokens: 62 },
    });
  });

  it('reads a one-page PDF synchronously, labels every provider and scores Textract line confidence', async () => {
    textract.on(AnalyzeDocumentCommand).resolves({ Blocks: lineBlocks(97), DocumentMetadata: { Pages: 1 } });
    const outcome = await processDocument('in/inv-9.pdf', asciiTextPdf(['anything']), deps);
    expect(outcome.kind).toBe('extracted');
    if (outcome.kind !== 'extracted') return;
    const doc = outcome.document;
    expect(doc.text.provider).toBe('aws:textract');
    expect(doc.summary).toMatchObject({
      provider: 'aws:bedrock',
      text: 'Invoice INV-9 from Globex Corporation for USD 300.',
    });
    // Comprehend's organisation and date, plus the rule-found invoice number and amount with currency.
    expect(new Set(doc.entities.map((e) => e.provider))).toEqual(new Set(['aws:comprehend', 'local:entity-rules']));
    expect(doc.fields.invoiceNumbers.map((f) => [f.value, f.provider])).toEqual([['INV-9', 'local:entity-rules']]);
    expect(doc.fields.amounts.map((f) => f.value)).toEqual(['USD 300.00']);
    expect(doc.fields.parties.map((f) => f.value)).toEqual(['Globex Corporation']);
    expect(doc.confidence).toEqual({ value: 0.97, text: 0.97, fields: 1, missingFields: [] });
    expect(reviewNeedOf(doc.confidence.value)).toEqual({ required: false, reason: 'confident' });
    expect(comprehend.commandCalls(DetectEntitiesCommand)[0]?.args[0].input.LanguageCode).toBe('en');
    expect(staged).toEqual([]);
  });

  it('sends a document Textract read with low line confidence to review even when every field was found', async () => {
    textract.on(AnalyzeDocumentCommand).resolves({ Blocks: lineBlocks(82), DocumentMetadata: { Pages: 1 } });
    const outcome = await processDocument('in/inv-9.pdf', asciiTextPdf(['anything']), deps);
    expect(outcome.kind === 'extracted' && outcome.document.confidence.value).toBe(0.82);
    expect(reviewNeedOf(0.82)).toEqual({ required: true, reason: 'low_confidence' });
  });

  it('stages a multi-page TIFF in the staging bucket for asynchronous Textract and always deletes it', async () => {
    const tiff = uniformTiff(8, 8);
    textract.on(StartDocumentAnalysisCommand).resolves({ JobId: 'job-1' });
    textract
      .on(GetDocumentAnalysisCommand)
      .resolvesOnce({ JobStatus: 'IN_PROGRESS' })
      .resolves({
        JobStatus: 'SUCCEEDED',
        Blocks: [...lineBlocks(99, 1), ...lineBlocks(99, 2)],
        DocumentMetadata: { Pages: 2 },
      });
    // An image directory chain that points back at itself is corrupt: it never reaches Textract.
    const looping = Buffer.from(tiff);
    const ifd = looping.readUInt32LE(4);
    looping.writeUInt32LE(ifd, ifd + 2 + looping.readUInt16LE(ifd) * 12);
    expect(await processDocument('in/loop.tif', looping, deps)).toMatchObject({
      kind: 'failed',
      reason: expect.stringMatching(/IFD chain loops/),
    });

    const multi = await deps.readText(tiff, { format: 'tiff', mimeType: 'image/tiff', pages: 2 });
    expect(multi.status).toBe('ok');
    expect(multi.status === 'ok' && multi.pageCount).toBe(2);
    const start = textract.commandCalls(StartDocumentAnalysisCommand)[0]?.args[0].input;
    expect(start?.DocumentLocation?.S3Object).toEqual({ Bucket: 'staging-bucket', Name: staged[0] });
    expect(staged).toHaveLength(1);
    expect(deleted).toEqual(staged);
    expect(textract.commandCalls(AnalyzeDocumentCommand)).toHaveLength(0);
  });

  it('deletes the staged copy when Textract fails', async () => {
    textract
      .on(StartDocumentAnalysisCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    await expect(
      deps.readText(uniformTiff(8, 8), { format: 'tiff', mimeType: 'image/tiff', pages: 3 }),
    ).rejects.toThrow();
    expect(staged).toHaveLength(1);
    expect(deleted).toEqual(staged);
  });

  it('asks Comprehend in Japanese for Japanese text', async () => {
    const ja = ['請求書', '株式会社山田商事 御中', '合計金額: 110,000円'];
    textract.on(AnalyzeDocumentCommand).resolves({
      Blocks: ja.map((text, i) => ({ BlockType: 'LINE', Id: `j${i}`, Text: text, Confidence: 99, Page: 1 })),
      DocumentMetadata: { Pages: 1 },
    });
    comprehend.on(DetectEntitiesCommand).resolves({ Entities: [] });
    await processDocument('in/ja.pdf', asciiTextPdf(['x']), deps);
    expect(comprehend.commandCalls(DetectEntitiesCommand)[0]?.args[0].input.LanguageCode).toBe('ja');
  });
});
