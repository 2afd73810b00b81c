import { AthenaClient } from '@aws-sdk/client-athena';
import { anomaliesBySensorSql, anomaliesByWellSql, anomalySummarySql, createEngineFromEnv } from '@fsxn/analytics';
import { createHandler, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { z } from 'zod';
import { storedAnomaliesSql, uc08Tables, wellCurveAnomaliesSql } from '../analytics-tables';
import { compareAnomalies } from '../anomaly-agreement';
import { analyticsConfig, SERVICE_ID } from '../config';
import { analyticsResultKey } from '../outputs';

const config = analyticsConfig();
const writer = outputWriterOf(config, s3Of(config));
const tables = uc08Tables(config.OUTPUT_PREFIX);
// Athena (Glue tables over the analytics bucket) in AWS, DuckDB over the same NDJSON files locally.
const engine = createEngineFromEnv(process.env, { tables, athenaClient: () => new AthenaClient({}) });

const eventSchema = z.object({ executionArn: z.string().min(1) });

/** Rows the state passes on to the report; the full result goes to the analytics result file. */
const TOP_ROWS = 20;

/**
 * The reference's Athena analysis (anomalies by well, by sensor, summary) plus the anomaly rule re-run in
 * SQL over the readings and compared with the anomalies the domain stored: the two must agree.
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const [anomalies] = tables.slice(1);
  const table = anomalies ?? 'well_anomalies';
  const byWell = await engine.query(anomaliesByWellSql({ table }));
  const bySensor = await engine.query(anomaliesBySensorSql({ table }));
  const summary = await engine.query(anomalySummarySql({ table }));
  const sqlAnomalies = await engine.query(wellCurveAnomaliesSql({ k: config.ANOMALY_THRESHOLD_STD }));
  const stored = await engine.query(storedAnomaliesSql());
  const agreement = compareAnomalies(stored.rows, sqlAnomalies.rows);
  const written = await writer.putJson(analyticsResultKey(event.executionArn, new Date()), {
    engine: engine.dialect,
    byWell: byWell.rows,
    bySensor: bySensor.rows,
    summary: summary.rows[0] ?? null,
    sqlAnomalies: sqlAnomalies.rows.length,
    storedAnomalies: stored.rows.length,
    agreement,
  });
  ctx.log.info({ engine: engine.dialect, agreement: agreement.ratio }, 'analytics finished');
  return {
    engine: engine.dialect,
    resultKey: written.key,
    byWell: byWell.rows.slice(0, TOP_ROWS),
    bySensor: bySensor.rows.slice(0, TOP_ROWS),
    summary: summary.rows[0] ?? null,
    agreement: {
      ratio: agreement.ratio,
      matched: agreement.matched,
      sqlOnly: agreement.sqlOnly.length,
      domainOnly: agreement.domainOnly.length,
    },
  };
});
