import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { analyticsWriterOf, createHandler, documentClient, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { recordLineage } from '@fsxn/lineage';
import { failed, succeeded } from '@fsxn/pipeline';
import { bucketOf, listObjects, readStream } from '@fsxn/s3ap';
import { z } from 'zod';
import { SERVICE_ID, TEMPLATE_VERSION, transformCsvConfig } from '../config';
import { csvSummaryKey, parquetPartKey, parquetPartPrefix, partIndexOf } from '../outputs';
import { transformSensorCsv } from '../transform-csv';

const config = transformCsvConfig();
const s3 = s3Of(config);
const writer = outputWriterOf(config, s3);
/** Parquet parts go where the table reads them: the analytics bucket in AWS (Glue), the volume locally (DuckDB). */
const parts = analyticsWriterOf(config, s3);
const partsBucket = parts.target.kind === 's3-bucket' ? parts.target.bucket : bucketOf(parts.target.ap);
const lineage = { db: documentClient(), tableName: config.LINEAGE_TABLE };

const eventSchema = z.object({
  executionArn: z.string().min(1),
  item: z.object({ key: z.string().min(1), size: z.number().int().nonnegative(), etag: z.string().optional() }),
});

/** Parts of `sourceKey` with an index ≥ `keep` (left by an earlier, longer version of the file) are deleted. */
const removePartsFrom = async (sourceKey: string, keep: number): Promise<number> => {
  const prefix = parts.keyFor(parquetPartPrefix(sourceKey));
  let removed = 0;
  for await (const obj of listObjects(s3, { bucket: partsBucket }, { prefix })) {
    const index = partIndexOf(prefix, obj.key);
    if (index === undefined || index < keep) continue;
    await s3.send(new DeleteObjectCommand({ Bucket: partsBucket, Key: obj.key }));
    removed += 1;
  }
  return removed;
};

/** Streams one sensor CSV into Parquet parts under `parquet/` (the table's location) plus a summary on the volume. */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const { key } = event.item;

  const outcome = await readStream(s3, config.INPUT_ACCESS_POINT, key, (body) =>
    transformSensorCsv(body, {
      sourceKey: key,
      rowsPerPart: config.ROWS_PER_PART,
      k: config.ANOMALY_K,
      writePart: async (index, bytes) =>
        (await parts.putBytes(parquetPartKey(key, index), bytes, 'application/vnd.apache.parquet')).key,
      removePartsFrom: (keep) => removePartsFrom(key, keep),
    }),
  );
  if (outcome.kind === 'failed') {
    ctx.log.warn({ key, reason: outcome.reason }, 'file failed');
    return failed(key, outcome.reason, { metrics: { latencyMs: elapsed(), bytesRead: outcome.bytesRead } });
  }

  const summary = await writer.putJson(csvSummaryKey(key), {
    sourceKey: key,
    parquetParts: outcome.parts,
    ...outcome.csv,
    metrics: outcome.metrics,
  });
  const outputs = [...outcome.parts, summary.key];
  const anomaliesInFile = outcome.metrics.reduce((n, m) => n + m.anomalyCount, 0);
  const latencyMs = elapsed();
  await recordLineage(lineage, {
    source_file_key: key,
    step_functions_execution_arn: event.executionArn,
    uc_id: SERVICE_ID,
    output_keys: outputs,
    status: outcome.csv.badRows > 0 ? 'partial' : 'success',
    duration_ms: latencyMs,
    input_checksum: outcome.inputSha256,
    uc_template_version: TEMPLATE_VERSION,
    retention_profile: config.LINEAGE_RETENTION,
    metadata: { rowsValid: outcome.csv.rowsValid, badRows: outcome.csv.badRows },
  });
  ctx.metrics.addMetric('RowsConverted', 'Count', outcome.csv.rowsValid);
  ctx.metrics.addMetric('BadRows', 'Count', outcome.csv.badRows);
  return succeeded(key, {
    outputs,
    metrics: {
      latencyMs,
      bytesRead: outcome.bytesRead,
      rowsRead: outcome.csv.rowsRead,
      rowsValid: outcome.csv.rowsValid,
      badRows: outcome.csv.badRows,
      parquetParts: outcome.parts.length,
      anomaliesInFile,
    },
  });
});
