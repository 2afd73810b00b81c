import { AthenaClient } from '@aws-sdk/client-athena';
import { createEngineFromEnv } from '@fsxn/analytics';
import { createHandler, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { z } from 'zod';
import { detectAnomaliesConfig, SERVICE_ID } from '../config';
import { anomaliesKey } from '../outputs';
import { countByMetric, querySensorAnomalies, sensorTable } from '../sensor-anomalies';

const config = detectAnomaliesConfig();
const writer = outputWriterOf(config, s3Of(config));
const table = sensorTable(config.OUTPUT_PREFIX);
// ANALYTICS_ENGINE picks Athena (Glue table over the Parquet parts) in AWS, DuckDB over the same files locally.
const engine = createEngineFromEnv(process.env, { tables: [table], athenaClient: () => new AthenaClient({}) });

const eventSchema = z.object({ executionArn: z.string().min(1), startedAt: z.string().min(1) });

/**
 * After every file of the run is converted: the anomaly SQL over all Parquet parts of the table
 * (this run's and earlier ones, as the reference's Athena table), written to `anomalies/…`.
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const anomalies = await querySensorAnomalies(engine, { table, k: config.ANOMALY_K, limit: config.ANOMALY_LIMIT });
  const finishedAt = new Date();
  const byMetric = countByMetric(anomalies);
  const written = await writer.putJson(anomaliesKey(event.executionArn, finishedAt), {
    executionArn: event.executionArn,
    engine: engine.dialect,
    table: table.name,
    rule: `|value - avg(value)| > ${config.ANOMALY_K} * stddev_samp(value) per metric_name`,
    count: anomalies.length,
    byMetric,
    anomalies,
  });
  ctx.metrics.addMetric('AnomaliesDetected', 'Count', anomalies.length);
  ctx.log.info({ count: anomalies.length, engine: engine.dialect, key: written.key }, 'anomalies detected');
  return {
    status: 'DONE' as const,
    engine: engine.dialect,
    count: anomalies.length,
    truncated: anomalies.length >= config.ANOMALY_LIMIT,
    byMetric,
    key: written.key,
    latencyMs: finishedAt.getTime() - Date.parse(event.startedAt),
  };
});
