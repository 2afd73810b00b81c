import { analyticsWriterOf, createHandler, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { failed, succeeded } from '@fsxn/pipeline';
import { getBytes, S3ApLimitError } from '@fsxn/s3ap';
import { z } from 'zod';
import { analyzeWellLog, toNdjson } from '../analyze-well-log';
import { SERVICE_ID, wellLogConfig } from '../config';
import { wellAnomaliesKey, wellLogSummaryKey, wellReadingsKey } from '../outputs';

const config = wellLogConfig();
const s3 = s3Of(config);
const writer = outputWriterOf(config, s3);
const tables = analyticsWriterOf(config, s3);

const eventSchema = z.object({
  executionArn: z.string().min(1),
  item: z.object({ key: z.string().min(1), size: z.number().int().nonnegative(), etag: z.string().optional() }),
});

/**
 * One LAS 2.0 or CSV well log: curves, units, NULLs excluded, depth range, per-curve statistics and
 * k·σ anomalies; writes the summary, and the readings and anomalies as NDJSON rows for Athena / DuckDB.
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const started = performance.now();
  const { key } = event.item;
  const latencyMs = () => Math.round(performance.now() - started);
  let bytes: Buffer;
  try {
    bytes = await getBytes(s3, config.INPUT_ACCESS_POINT, key, { maxBytes: config.MAX_WELL_LOG_BYTES });
  } catch (error) {
    if (error instanceof S3ApLimitError)
      return failed(key, `FileTooLarge: ${error.message}`, { metrics: { wellLog: 1 } });
    throw error;
  }
  const outcome = analyzeWellLog(key, bytes, { k: config.ANOMALY_THRESHOLD_STD, now: new Date() });
  if (outcome.kind === 'failed') {
    ctx.log.warn({ key, reason: outcome.reason }, 'well log failed');
    return failed(key, outcome.reason, { metrics: { latencyMs: latencyMs(), bytesRead: bytes.length, wellLog: 1 } });
  }
  // Both table files are rewritten on every run of the file, so the two tables always describe the same data.
  await tables.putText(wellReadingsKey(key), toNdjson(outcome.readings), 'application/x-ndjson');
  await tables.putText(wellAnomaliesKey(key), toNdjson(outcome.anomalies), 'application/x-ndjson');
  const summary = await writer.putJson(wellLogSummaryKey(key), outcome.summary);
  ctx.metrics.addMetric('WellLogAnomalies', 'Count', outcome.anomalies.length);
  const { analysis } = outcome.summary;
  return succeeded(key, {
    outputs: [summary.key],
    metrics: {
      latencyMs: latencyMs(),
      wellLog: 1,
      bytesRead: bytes.length,
      rows: analysis.rows,
      curves: analysis.curves.length,
      nullValues: analysis.curves.reduce((n, c) => n + c.nulls, 0),
      anomalies: outcome.anomalies.length,
    },
  });
});
