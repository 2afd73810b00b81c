import { createHash } from 'node:crypto';
import { createInference } from '@fsxn/inference';
import { createHandler, documentClient, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { recordLineage } from '@fsxn/lineage';
import { failed, succeeded } from '@fsxn/pipeline';
import { getBytes, S3ApLimitError } from '@fsxn/s3ap';
import { z } from 'zod';
import { analyzeImage } from '../analyze-image';
import { analyzeImageConfig, SERVICE_ID, TEMPLATE_VERSION } from '../config';
import { imageAnalysisKey } from '../outputs';

const config = analyzeImageConfig();
const s3 = s3Of(config);
const writer = outputWriterOf(config, s3);
const lineage = { db: documentClient(), tableName: config.LINEAGE_TABLE };
const inference = createInference({ mode: config.INFERENCE_MODE });

const eventSchema = z.object({
  executionArn: z.string().min(1),
  item: z.object({ key: z.string().min(1), size: z.number().int().nonnegative(), etag: z.string().optional() }),
});

/** Quality (offline, decoded pixels) and labels (Rekognition in AWS) of one inspection image. */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const { key } = event.item;

  let bytes: Buffer;
  try {
    bytes = await getBytes(s3, config.INPUT_ACCESS_POINT, key, { maxBytes: config.MAX_IMAGE_BYTES });
  } catch (error) {
    // Too large to decode in memory is a property of the file: fail the item, don't retry.
    if (error instanceof S3ApLimitError) return failed(key, `FileTooLarge: ${error.message}`);
    throw error;
  }
  const outcome = await analyzeImage(bytes, {
    detectLabels: (input) => inference.image.detectLabels(input),
    maxPixels: config.MAX_IMAGE_PIXELS,
  });
  if (outcome.kind === 'failed') {
    ctx.log.warn({ key, reason: outcome.reason }, 'image failed');
    return failed(key, outcome.reason, { metrics: { latencyMs: elapsed(), bytesRead: bytes.length } });
  }

  const json = `${JSON.stringify({ sourceKey: key, ...outcome }, null, 2)}\n`;
  const written = await writer.putText(imageAnalysisKey(key), json, 'application/json; charset=utf-8');
  const latencyMs = elapsed();
  await recordLineage(lineage, {
    source_file_key: key,
    step_functions_execution_arn: event.executionArn,
    uc_id: SERVICE_ID,
    output_keys: [written.key],
    status: 'success',
    duration_ms: latencyMs,
    input_checksum: createHash('sha256').update(bytes).digest('hex'),
    output_checksum: createHash('sha256').update(json).digest('hex'),
    uc_template_version: TEMPLATE_VERSION,
    retention_profile: config.LINEAGE_RETENTION,
    metadata: { flaggedForReview: outcome.flaggedForReview, labelsProvider: outcome.labels.provider },
  });
  if (outcome.flaggedForReview) ctx.metrics.addMetric('ImagesFlaggedForReview', 'Count', 1);
  return succeeded(key, {
    outputs: [written.key],
    metrics: {
      latencyMs,
      bytesRead: bytes.length,
      flaggedForReview: outcome.flaggedForReview ? 1 : 0,
      laplacianVariance: outcome.quality.laplacianVariance,
      meanLuminance: outcome.quality.meanLuminance,
    },
  });
});
