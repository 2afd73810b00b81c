import {
  BedrockRuntimeClient,
  ConverseCommand,
  InvokeModelCommand,
  type InvokeModelCommandOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { ComprehendClient, DetectEntitiesCommand, DetectPiiEntitiesCommand } from '@aws-sdk/client-comprehend';
import { ComprehendMedicalClient, DetectPHICommand } from '@aws-sdk/client-comprehendmedical';
import { DetectLabelsCommand, DetectTextCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import {
  AnalyzeDocumentCommand,
  type Block,
  GetDocumentAnalysisCommand,
  StartDocumentAnalysisCommand,
  TextractClient,
} from '@aws-sdk/client-textract';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createBedrockTextGenerationPort,
  createComprehendEntityPort,
  createComprehendMedicalPhiPort,
  createRekognitionImagePort,
  createTextractDocumentTextPort,
  createTitanEmbeddingPort,
  InferenceError,
  resolveModelId,
} from '../src/index';
import { simpleTextPdf } from './fixtures/build-pdf';

const textract = mockClient(TextractClient);
const comprehend = mockClient(ComprehendClient);
const medical = mockClient(ComprehendMedicalClient);
const rekognition = mockClient(RekognitionClient);
const bedrock = mockClient(BedrockRuntimeClient);

beforeEach(() => {
  for (const mock of [textract, comprehend, medical, rekognition, bedrock]) mock.reset();
});

// A realistic AnalyzeDocument answer: a page, two lines, a form field and a 2×2 table.
const BLOCKS: Block[] = [
  { BlockType: 'PAGE', Id: 'p1', Page: 1 },
  { BlockType: 'LINE', Id: 'l1', Text: 'Invoice No: 42', Confidence: 99.5, Page: 1 },
  { BlockType: 'LINE', Id: 'l2', Text: 'Item Price', Confidence: 97.25, Page: 1 },
  { BlockType: 'WORD', Id: 'w1', Text: 'Invoice', Confidence: 99 },
  { BlockType: 'WORD', Id: 'w2', Text: 'No:', Confidence: 99 },
  { BlockType: 'WORD', Id: 'w3', Text: '42', Confidence: 98 },
  { BlockType: 'WORD', Id: 'w4', Text: 'Item', Confidence: 97 },
  { BlockType: 'WORD', Id: 'w5', Text: 'Price', Confidence: 97 },
  { BlockType: 'WORD', Id: 'w6', Text: 'Pen', Confidence: 96 },
  { BlockType: 'WORD', Id: 'w7', Text: '$2', Confidence: 95 },
  { BlockType: 'SELECTION_ELEMENT', Id: 's1', SelectionStatus: 'SELECTED', Confidence: 90 },
  {
    BlockType: 'KEY_VALUE_SET',
    Id: 'k1',
    EntityTypes: ['KEY'],
    Confidence: 92.5,
    Page: 1,
    Relationships: [
      { Type: 'VALUE', Ids: ['v1'] },
      { Type: 'CHILD', Ids: ['w1', 'w2'] },
    ],
  },
  {
    BlockType: 'KEY_VALUE_SET',
    Id: 'v1',
    EntityTypes: ['VALUE'],
    Confidence: 88,
    Page: 1,
    Relationships: [{ Type: 'CHILD', Ids: ['w3', 's1'] }],
  },
  {
    BlockType: 'TABLE',
    Id: 't1',
    Confidence: 91,
    Page: 1,
    Relationships: [{ Type: 'CHILD', Ids: ['c1', 'c2', 'c3', 'c4'] }],
  },
  { BlockType: 'CELL', Id: 'c1', RowIndex: 1, ColumnIndex: 1, Relationships: [{ Type: 'CHILD', Ids: ['w4'] }] },
  { BlockType: 'CELL', Id: 'c2', RowIndex: 1, ColumnIndex: 2, Relationships: [{ Type: 'CHILD', Ids: ['w5'] }] },
  { BlockType: 'CELL', Id: 'c3', RowIndex: 2, ColumnIndex: 1, Relationships: [{ Type: 'CHILD', Ids: ['w6'] }] },
  { BlockType: 'CELL', Id: 'c4', RowIndex: 2, ColumnIndex: 2, Relationships: [{ Type: 'CHILD', Ids: ['w7'] }] },
];

describe('Textract adapter', () => {
  it('sends AnalyzeDocument with bytes and TABLES+FORMS, and maps lines, fields and tables', async () => {
    textract.on(AnalyzeDocumentCommand).resolves({ Blocks: BLOCKS, DocumentMetadata: { Pages: 1 } });
    const bytes = simpleTextPdf(['BT /F1 9 Tf (x) Tj ET']);
    const result = await createTextractDocumentTextPort({ client: new TextractClient({}) }).extractText({
      bytes,
      mimeType: 'application/pdf',
    });
    expect(textract.commandCalls(AnalyzeDocumentCommand)[0]?.args[0].input).toEqual({
      Document: { Bytes: bytes },
      FeatureTypes: ['TABLES', 'FORMS'],
    });
    expect(result).toEqual({
      status: 'ok',
      provider: 'aws:textract',
      pageCount: 1,
      text: 'Invoice No: 42\nItem Price',
      lines: [
        { text: 'Invoice No: 42', confidence: 99.5, page: 1 },
        { text: 'Item Price', confidence: 97.25, page: 1 },
      ],
      keyValues: [{ key: 'Invoice No:', value: '42 [X]', confidence: 88, page: 1 }],
      tables: [
        {
          page: 1,
          rows: [
            ['Item', 'Price'],
            ['Pen', '$2'],
          ],
          confidence: 91,
        },
      ],
      warnings: [],
    });
  });

  it('refuses multi-page PDFs and oversized bytes on the sync path before calling AWS', async () => {
    const port = createTextractDocumentTextPort({ client: new TextractClient({}) });
    const twoPages = simpleTextPdf(['BT (a) Tj ET', 'BT (b) Tj ET']);
    await expect(port.extractText({ bytes: twoPages, mimeType: 'application/pdf' })).rejects.toMatchObject({
      code: 'SyncLimitExceeded',
      transient: false,
    });
    await expect(
      port.extractText({ bytes: new Uint8Array(5 * 1024 * 1024 + 1), mimeType: 'image/png' }),
    ).rejects.toMatchObject({ code: 'SyncLimitExceeded' });
    expect(textract.calls()).toHaveLength(0);
  });

  it('reports formats Textract cannot read as unsupported', async () => {
    const port = createTextractDocumentTextPort({ client: new TextractClient({}) });
    await expect(port.extractText({ bytes: new Uint8Array(4), mimeType: 'text/plain' })).resolves.toMatchObject({
      status: 'unsupported',
      unsupported: 'unsupported-format',
    });
  });

  it('runs the async job for an S3 object, polls while IN_PROGRESS and follows NextToken', async () => {
    textract.on(StartDocumentAnalysisCommand).resolves({ JobId: 'job-1' });
    textract
      .on(GetDocumentAnalysisCommand, { JobId: 'job-1', MaxResults: 1000 })
      .resolvesOnce({ JobStatus: 'IN_PROGRESS' })
      .resolvesOnce({
        JobStatus: 'SUCCEEDED',
        DocumentMetadata: { Pages: 2 },
        Blocks: [{ BlockType: 'LINE', Text: 'page one', Confidence: 99, Page: 1 }],
        NextToken: 'tok-2',
      });
    textract
      .on(GetDocumentAnalysisCommand, { JobId: 'job-1', MaxResults: 1000, NextToken: 'tok-2' })
      .resolves({ JobStatus: 'SUCCEEDED', Blocks: [{ BlockType: 'LINE', Text: 'page two', Confidence: 98, Page: 2 }] });
    const sleeps: number[] = [];
    const port = createTextractDocumentTextPort({
      client: new TextractClient({}),
      pollIntervalMs: 7,
      sleep: async (ms) => void sleeps.push(ms),
    });
    const result = await port.extractText({ s3Object: { bucket: 'staging', key: 'docs/a.pdf', version: 'v3' } });
    expect(textract.commandCalls(StartDocumentAnalysisCommand)[0]?.args[0].input).toEqual({
      DocumentLocation: { S3Object: { Bucket: 'staging', Name: 'docs/a.pdf', Version: 'v3' } },
      FeatureTypes: ['TABLES', 'FORMS'],
    });
    expect(textract.commandCalls(GetDocumentAnalysisCommand).map((c) => c.args[0].input)).toEqual([
      { JobId: 'job-1', MaxResults: 1000 },
      { JobId: 'job-1', MaxResults: 1000 },
      { JobId: 'job-1', MaxResults: 1000, NextToken: 'tok-2' },
    ]);
    expect(sleeps).toEqual([7]);
    expect(result).toMatchObject({ status: 'ok', pageCount: 2, text: 'page one\npage two' });
  });

  it('turns a FAILED job into a permanent error and a stuck job into a transient one', async () => {
    textract.on(StartDocumentAnalysisCommand).resolves({ JobId: 'j' });
    textract
      .on(GetDocumentAnalysisCommand)
      .resolvesOnce({ JobStatus: 'FAILED', StatusMessage: 'UNSUPPORTED_DOCUMENT' })
      .resolves({ JobStatus: 'IN_PROGRESS' });
    const port = createTextractDocumentTextPort({
      client: new TextractClient({}),
      pollIntervalMs: 10,
      maxWaitMs: 20,
      sleep: async () => {},
    });
    const location = { s3Object: { bucket: 'b', key: 'k' } };
    await expect(port.extractText(location)).rejects.toMatchObject({
      name: 'InferenceError',
      transient: false,
      code: 'JobFailed',
    });
    await expect(port.extractText(location)).rejects.toMatchObject({ transient: true, code: 'JobTimeout' });
  });

  it('maps throttling to a transient InferenceError with the SDK error as cause', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), {
      name: 'ProvisionedThroughputExceededException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
    textract.on(AnalyzeDocumentCommand).rejects(throttled);
    const error = await createTextractDocumentTextPort({ client: new TextractClient({}) })
      .extractText({ bytes: new Uint8Array(8), mimeType: 'image/png' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InferenceError);
    expect(error).toMatchObject({ transient: true, code: 'ProvisionedThroughputExceededException', cause: throttled });
  });
});

describe('Comprehend adapter', () => {
  it('sends DetectEntities and converts code-point offsets to string indices', async () => {
    // "😀 Acme Inc. 2024-01-02": the emoji is one code point but two UTF-16 units.
    const text = '😀 Acme Inc. 2024-01-02';
    comprehend.on(DetectEntitiesCommand).resolves({
      Entities: [
        { Type: 'ORGANIZATION', Text: 'Acme Inc.', Score: 0.98, BeginOffset: 2, EndOffset: 11 },
        { Type: 'DATE', Text: '2024-01-02', Score: 0.99, BeginOffset: 12, EndOffset: 22 },
      ],
    });
    const result = await createComprehendEntityPort({ client: new ComprehendClient({}) }).detectEntities({
      text,
      languageCode: 'en',
    });
    expect(comprehend.commandCalls(DetectEntitiesCommand)[0]?.args[0].input).toEqual({
      Text: text,
      LanguageCode: 'en',
    });
    expect(result).toEqual({
      provider: 'aws:comprehend',
      entities: [
        { type: 'ORGANIZATION', text: 'Acme Inc.', beginOffset: 3, endOffset: 12, score: 0.98 },
        { type: 'DATE', text: '2024-01-02', beginOffset: 13, endOffset: 23, score: 0.99 },
      ],
    });
  });

  it('chunks long text under the byte limit and rebases offsets per chunk', async () => {
    const text = 'Alpha one. Beta two. Gamma three.';
    comprehend.on(DetectPiiEntitiesCommand).callsFake((input: { Text: string }) => {
      const at = input.Text.indexOf('two');
      return { Entities: at < 0 ? [] : [{ Type: 'NAME', Score: 0.9, BeginOffset: at, EndOffset: at + 3 }] };
    });
    const port = createComprehendEntityPort({ client: new ComprehendClient({}), maxBytes: 12 });
    const result = await port.detectPii({ text, languageCode: 'en' });
    const sent = comprehend.commandCalls(DetectPiiEntitiesCommand).map((c) => c.args[0].input.Text);
    expect(sent.join('')).toBe(text);
    expect(sent.every((t) => Buffer.byteLength(t ?? '') <= 12)).toBe(true);
    expect(result.entities).toEqual([
      { type: 'NAME', text: 'two', beginOffset: text.indexOf('two'), endOffset: text.indexOf('two') + 3, score: 0.9 },
    ]);
  });

  it('uses local PII rules for languages DetectPiiEntities does not support, and says so', async () => {
    const result = await createComprehendEntityPort({ client: new ComprehendClient({}) }).detectPii({
      text: '連絡先 taro@example.jp',
      languageCode: 'ja',
    });
    expect(comprehend.calls()).toHaveLength(0);
    expect(result).toMatchObject({
      provider: 'local:pii-rules',
      entities: [{ type: 'EMAIL', text: 'taro@example.jp' }],
    });
  });

  it('rejects languages Comprehend does not know without calling it', async () => {
    const port = createComprehendEntityPort({ client: new ComprehendClient({}) });
    await expect(port.detectEntities({ text: 'x', languageCode: 'xx' })).rejects.toMatchObject({
      code: 'UnsupportedLanguage',
      transient: false,
    });
  });
});

describe('Comprehend Medical adapter', () => {
  it('sends DetectPHI per 20,000-character chunk and maps entities', async () => {
    const text = `${'a '.repeat(12_000)}Patient DOE^JOHN`;
    medical.on(DetectPHICommand).callsFake((input: { Text: string }) => {
      const at = input.Text.indexOf('DOE^JOHN');
      return {
        Entities:
          at < 0
            ? []
            : [
                {
                  Type: 'NAME',
                  Category: 'PROTECTED_HEALTH_INFORMATION',
                  Score: 0.97,
                  Text: 'DOE^JOHN',
                  BeginOffset: at,
                  EndOffset: at + 8,
                },
              ],
      };
    });
    const result = await createComprehendMedicalPhiPort({ client: new ComprehendMedicalClient({}) }).detectPhi({
      text,
    });
    const calls = medical.commandCalls(DetectPHICommand).map((c) => c.args[0].input);
    expect(calls).toHaveLength(2);
    expect(calls.every((input) => (input.Text ?? '').length <= 20_000)).toBe(true);
    const begin = text.indexOf('DOE^JOHN');
    expect(result).toEqual({
      provider: 'aws:comprehendmedical',
      entities: [{ type: 'NAME', text: 'DOE^JOHN', beginOffset: begin, endOffset: begin + 8, score: 0.97 }],
    });
  });
});

describe('Rekognition adapter', () => {
  it('sends DetectLabels with MaxLabels/MinConfidence and maps labels', async () => {
    rekognition.on(DetectLabelsCommand).resolves({
      Labels: [
        {
          Name: 'Car',
          Confidence: 98.1,
          Instances: [{}, {}],
          Parents: [{ Name: 'Vehicle' }],
          Categories: [{ Name: 'Vehicles and Automotive' }],
        },
      ],
    });
    const bytes = Uint8Array.of(1, 2, 3);
    const result = await createRekognitionImagePort({ client: new RekognitionClient({}) }).detectLabels({
      bytes,
      maxLabels: 50,
      minConfidence: 70,
    });
    expect(rekognition.commandCalls(DetectLabelsCommand)[0]?.args[0].input).toEqual({
      Image: { Bytes: bytes },
      MaxLabels: 50,
      MinConfidence: 70,
    });
    expect(result).toEqual({
      status: 'ok',
      provider: 'aws:rekognition',
      labels: [
        {
          name: 'Car',
          confidence: 98.1,
          parents: ['Vehicle'],
          categories: ['Vehicles and Automotive'],
          instanceCount: 2,
        },
      ],
    });
  });

  it('sends DetectText and keeps LINE detections only', async () => {
    rekognition.on(DetectTextCommand).resolves({
      TextDetections: [
        {
          DetectedText: 'JOHN DOE',
          Type: 'LINE',
          Confidence: 99,
          Geometry: { BoundingBox: { Left: 0.1, Top: 0.2, Width: 0.3, Height: 0.05 } },
        },
        { DetectedText: 'JOHN', Type: 'WORD', Confidence: 99 },
      ],
    });
    const bytes = Uint8Array.of(9);
    const result = await createRekognitionImagePort({ client: new RekognitionClient({}) }).detectText({ bytes });
    expect(rekognition.commandCalls(DetectTextCommand)[0]?.args[0].input).toEqual({ Image: { Bytes: bytes } });
    expect(result).toEqual({
      status: 'ok',
      provider: 'aws:rekognition',
      lines: [{ text: 'JOHN DOE', confidence: 99, boundingBox: { left: 0.1, top: 0.2, width: 0.3, height: 0.05 } }],
    });
  });
});

describe('Bedrock adapters', () => {
  it('uses Converse with one request shape for any model and reads content, stopReason and usage', async () => {
    bedrock.on(ConverseCommand).resolves({
      output: { message: { role: 'assistant', content: [{ text: 'Summary: ' }, { text: 'two parties.' }] } },
      stopReason: 'end_turn',
      usage: { inputTokens: 120, outputTokens: 9, totalTokens: 129 },
      metrics: { latencyMs: 300 },
    });
    for (const modelId of ['us.amazon.nova-lite-v1:0', 'anthropic.claude-3-haiku-20240307-v1:0']) {
      const port = createBedrockTextGenerationPort({ client: new BedrockRuntimeClient({}), modelId });
      const result = await port.generate({
        system: 'You are an analyst.',
        prompt: 'Summarise.',
        maxTokens: 2048,
        temperature: 0.3,
      });
      expect(result).toEqual({
        provider: 'aws:bedrock',
        modelId,
        text: 'Summary: two parties.',
        stopReason: 'end_turn',
        usage: { inputTokens: 120, outputTokens: 9 },
      });
    }
    expect(bedrock.commandCalls(ConverseCommand).map((c) => c.args[0].input)).toEqual(
      ['us.amazon.nova-lite-v1:0', 'anthropic.claude-3-haiku-20240307-v1:0'].map((modelId) => ({
        modelId,
        messages: [{ role: 'user', content: [{ text: 'Summarise.' }] }],
        system: [{ text: 'You are an analyst.' }],
        inferenceConfig: { maxTokens: 2048, temperature: 0.3 },
      })),
    );
  });

  it('omits system when none is given', async () => {
    bedrock.on(ConverseCommand).resolves({
      output: { message: { role: 'assistant', content: [{ text: 'ok' }] } },
      stopReason: 'max_tokens',
      usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
      metrics: { latencyMs: 1 },
    });
    await createBedrockTextGenerationPort({ client: new BedrockRuntimeClient({}) }).generate({
      prompt: 'p',
      maxTokens: 5,
      temperature: 0,
    });
    expect(bedrock.commandCalls(ConverseCommand)[0]?.args[0].input).toEqual({
      modelId: 'amazon.nova-lite-v1:0',
      messages: [{ role: 'user', content: [{ text: 'p' }] }],
      inferenceConfig: { maxTokens: 5, temperature: 0 },
    });
  });

  it('prefixes cross-region inference profiles only onto bare model ids', () => {
    expect(resolveModelId('amazon.nova-lite-v1:0', 'apac')).toBe('apac.amazon.nova-lite-v1:0');
    expect(resolveModelId('us.amazon.nova-lite-v1:0', 'eu')).toBe('us.amazon.nova-lite-v1:0');
    expect(resolveModelId('arn:aws:bedrock:us-east-1::foundation-model/x', 'us')).toBe(
      'arn:aws:bedrock:us-east-1::foundation-model/x',
    );
    expect(resolveModelId('amazon.nova-lite-v1:0')).toBe('amazon.nova-lite-v1:0');
  });

  it('sends the Titan v2 embedding body and validates the vector length', async () => {
    const embedding = Array.from({ length: 256 }, (_, i) => i / 256);
    bedrock.on(InvokeModelCommand).resolves({
      body: new TextEncoder().encode(
        JSON.stringify({ embedding, inputTextTokenCount: 4 }),
      ) as InvokeModelCommandOutput['body'],
      contentType: 'application/json',
    });
    const port = createTitanEmbeddingPort({ client: new BedrockRuntimeClient({}) });
    const result = await port.embed({ text: 'hello world' });
    expect(bedrock.commandCalls(InvokeModelCommand)[0]?.args[0].input).toEqual({
      modelId: 'amazon.titan-embed-text-v2:0',
      contentType: 'application/json',
      accept: 'application/json',
      body: JSON.stringify({ inputText: 'hello world', dimensions: 256, normalize: true }),
    });
    expect(result).toEqual({ provider: 'aws:bedrock', vector: embedding, dimensions: 256 });
    bedrock.on(InvokeModelCommand).resolves({
      body: new TextEncoder().encode('{"embedding":[1]}') as InvokeModelCommandOutput['body'],
      contentType: 'application/json',
    });
    await expect(port.embed({ text: 'x' })).rejects.toMatchObject({ code: 'MalformedResponse' });
  });

  it('marks 5xx and ModelNotReady as transient, validation errors as permanent', async () => {
    const port = createBedrockTextGenerationPort({ client: new BedrockRuntimeClient({}) });
    bedrock
      .on(ConverseCommand)
      .rejectsOnce(
        Object.assign(new Error('busy'), {
          name: 'ServiceUnavailableException',
          $fault: 'server',
          $metadata: { httpStatusCode: 503 },
        }),
      )
      .rejectsOnce(
        Object.assign(new Error('warming'), {
          name: 'ModelNotReadyException',
          $fault: 'client',
          $metadata: { httpStatusCode: 429 },
        }),
      )
      .rejectsOnce(
        Object.assign(new Error('bad'), {
          name: 'ValidationException',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
        }),
      );
    await expect(port.generate({ prompt: 'p', maxTokens: 1, temperature: 0 })).rejects.toMatchObject({
      transient: true,
      message: 'Bedrock Converse failed with ServiceUnavailableException: busy',
    });
    await expect(port.generate({ prompt: 'p', maxTokens: 1, temperature: 0 })).rejects.toMatchObject({
      transient: true,
      code: 'ModelNotReadyException',
    });
    await expect(port.generate({ prompt: 'p', maxTokens: 1, temperature: 0 })).rejects.toMatchObject({
      transient: false,
      code: 'ValidationException',
    });
  });
});
