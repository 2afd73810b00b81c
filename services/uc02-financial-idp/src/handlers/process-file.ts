import { createHash } from 'node:crypto';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createInference } from '@fsxn/inference';
import { createHandler, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { failed, type ItemResult, skipped } from '@fsxn/pipeline';
import { getBytes, S3ApLimitError } from '@fsxn/s3ap';
import { z } from 'zod';
import { processFileConfig, SERVICE_ID } from '../config';
import { summaryKeyFor } from '../domain';
import { detectTesseract } from '../local-ocr';
import { stagingKey } from '../outputs';
import { processDocument } from '../process-document';
import { reviewNeedOf } from '../review-policy';
import { highlightsOf, type StagedDocument } from '../staged';
import { localReader, type ReadDocumentText, textractReader } from '../text-source';

const config = processFileConfig();
const s3 = s3Of(config);
const writer = outputWriterOf(config, s3);
const ai =
  config.INFERENCE_MODE === 'aws'
    ? createInference({
        mode: 'aws',
        textractRegion: config.TEXTRACT_REGION,
        textModelId: config.BEDROCK_MODEL_ID,
        ...(config.BEDROCK_CROSS_REGION === undefined ? {} : { crossRegion: config.BEDROCK_CROSS_REGION }),
      })
    : createInference({ mode: 'local' });

const awsReader = (bucket: string): ReadDocumentText => {
  const staging = new S3Client({});
  return textractReader(ai.documentText, {
    bucket,
    put: async (key, bytes, contentType) => {
      await staging.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: contentType }));
    },
    delete: async (key) => {
      await staging.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  });
};
// Offline OCR is looked up once per cold start; without it images end SKIPPED, never with invented text.
const readText: Promise<ReadDocumentText> =
  config.INFERENCE_MODE === 'aws' && config.TEXTRACT_STAGING_BUCKET !== undefined
    ? Promise.resolve(awsReader(config.TEXTRACT_STAGING_BUCKET))
    : (config.LOCAL_OCR === 'auto' ? detectTesseract() : Promise.resolve(undefined)).then((ocr) =>
        localReader(ai.documentText, ocr),
      );

const eventSchema = z.object({
  executionArn: z.string().min(1),
  item: z.object({ key: z.string().min(1), size: z.number().int().nonnegative(), etag: z.string().optional() }),
});

/** A file that ended here (bad input, no text offline): the state machine records `result` and moves on. */
export interface FinishedFile {
  status: 'FINISHED';
  result: ItemResult;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const finished = (result: ItemResult): FinishedFile => ({ status: 'FINISHED', result });

export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const started = performance.now();
  const { key } = event.item;
  const elapsed = () => Math.round(performance.now() - started);

  let input: Buffer;
  try {
    input = await getBytes(s3, config.INPUT_ACCESS_POINT, key, { maxBytes: config.MAX_FILE_BYTES });
  } catch (error) {
    if (error instanceof S3ApLimitError) return finished(failed(key, `FileTooLarge: ${error.message}`));
    throw error;
  }
  const metrics = { bytesRead: input.length };
  const outcome = await processDocument(key, input, {
    readText: await readText,
    entities: ai.entities,
    textGeneration: ai.textGeneration,
    now: () => new Date(),
  });
  if (outcome.kind === 'failed') {
    ctx.log.warn({ key, reason: outcome.reason }, 'document failed');
    return finished(failed(key, outcome.reason, { metrics: { ...metrics, latencyMs: elapsed() } }));
  }
  if (outcome.kind === 'skipped') {
    ctx.log.info({ key, reason: outcome.reason }, 'document skipped');
    return finished(skipped(key, outcome.reason));
  }

  const { document } = outcome;
  const outputKey = summaryKeyFor(key, new Date(document.processedAt));
  const staged = stagingKey(event.executionArn, outputKey);
  const body = Buffer.from(JSON.stringify(document, null, 2), 'utf8');
  await writer.putBytes(staged, body, 'application/json; charset=utf-8');
  const review = reviewNeedOf(document.confidence.value);
  ctx.metrics.addMetric('ExtractionConfidence', 'None', document.confidence.value);
  const result: StagedDocument = {
    status: 'STAGED',
    key,
    stagedKey: staged,
    outputKey,
    inputChecksum: sha256(input),
    outputChecksum: sha256(body),
    latencyMs: elapsed(),
    bytesRead: input.length,
    pages: document.pageCount,
    documentType: document.documentType,
    textProvider: document.text.provider,
    confidence: { ...document.confidence, missingFields: [...document.confidence.missingFields] },
    review,
    highlights: highlightsOf(document),
  };
  return result;
});
