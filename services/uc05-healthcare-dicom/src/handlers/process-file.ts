import { createHash } from 'node:crypto';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createInference } from '@fsxn/inference';
import { createHandler, outputWriterOf, s3Of, secretStringReader } from '@fsxn/lambda-kit';
import { failed, type ItemResult } from '@fsxn/pipeline';
import { getBytes, S3ApLimitError } from '@fsxn/s3ap';
import { z } from 'zod';
import { processFileConfig, SERVICE_ID } from '../config';
import { type Classification, createHmacUidMapper } from '../domain';
import { stagingKey, summaryKeyOf } from '../outputs';
import { type PhiOverview, processDicom } from '../process-dicom';

const config = processFileConfig();
const s3 = s3Of(config);
const writer = outputWriterOf(config, s3);
const uidKey = secretStringReader(new SecretsManagerClient({}), config.UID_KEY_SECRET_ARN);
const inference = createInference({
  mode: config.INFERENCE_MODE,
  comprehendMedicalRegion: config.COMPREHEND_MEDICAL_REGION,
});

const eventSchema = z.object({
  executionArn: z.string().min(1),
  item: z.object({ key: z.string().min(1), size: z.number().int().nonnegative(), etag: z.string().optional() }),
});

/** A file staged for review: nothing reaches the released prefix before a person approves it. */
export interface StagedFile {
  status: 'STAGED';
  key: string;
  /** Relative to the output prefix, like every key a handler passes on. */
  stagedKey: string;
  summaryKey: string;
  inputChecksum: string;
  outputChecksum: string;
  latencyMs: number;
  phi: PhiOverview;
  classification: Classification;
}

/** A file that ended here (bad input): the state machine records `result` and moves on. */
export interface FinishedFile {
  status: 'FINISHED';
  result: ItemResult;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const started = performance.now();
  const { key } = event.item;
  const elapsed = () => Math.round(performance.now() - started);

  let input: Buffer;
  try {
    input = await getBytes(s3, config.INPUT_ACCESS_POINT, key, { maxBytes: config.MAX_FILE_BYTES });
  } catch (error) {
    // Too large to de-identify in memory is a property of the file: fail the item, don't retry.
    if (error instanceof S3ApLimitError) return finished(failed(key, `FileTooLarge: ${error.message}`));
    throw error;
  }

  const outcome = await processDicom(input, {
    uidMapper: createHmacUidMapper({ secret: await uidKey() }),
    detectPhiText: async (text) => (await inference.medicalPhi.detectPhi({ text })).entities,
    detectFrameText: async (png) => {
      const found = await inference.image.detectText({ bytes: png });
      return found.status === 'ok'
        ? { checked: true, lines: found.lines.length }
        : { checked: false, reason: `${found.unsupported}: ${found.message}` };
    },
  });
  if (outcome.kind === 'failed') {
    ctx.log.warn({ key, reason: outcome.reason }, 'file failed');
    return finished(failed(key, outcome.reason, { metrics: { latencyMs: elapsed(), bytesRead: input.length } }));
  }

  const stagedKey = stagingKey(event.executionArn, key);
  const summaryKey = summaryKeyOf(stagedKey);
  await writer.putBytes(stagedKey, outcome.bytes, 'application/dicom');
  await writer.putJson(summaryKey, { sourceKey: key, ...outcome.summaryDocument });
  ctx.metrics.addMetric('PhiAttributesFound', 'Count', outcome.phi.attributeCount);
  const result: StagedFile = {
    status: 'STAGED',
    key,
    stagedKey,
    summaryKey,
    inputChecksum: sha256(input),
    outputChecksum: sha256(outcome.bytes),
    latencyMs: elapsed(),
    phi: outcome.phi,
    classification: outcome.classification,
  };
  return result;
});

const finished = (result: ItemResult): FinishedFile => ({ status: 'FINISHED', result });
