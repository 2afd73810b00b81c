import { createHandler, documentClient, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { recordLineage } from '@fsxn/lineage';
import { buildRunReport, itemResultSchema, successMetricSchema, summarizeReport, toItemResult } from '@fsxn/pipeline';
import { z } from 'zod';
import { reportConfig, SERVICE_ID, TEMPLATE_VERSION } from '../config';
import { reportKey } from '../outputs';
import { measureRun } from '../run-measures';

const config = reportConfig();
const writer = outputWriterOf(config, s3Of(config));
const lineage = { db: documentClient(), tableName: config.LINEAGE_TABLE };

/** The DetectAnomalies result: the Glue table always exists (analytics bucket), so the SQL always ran. */
const anomaliesSchema = z.object({
  status: z.literal('DONE'),
  engine: z.string(),
  count: z.number().int().nonnegative(),
  truncated: z.boolean(),
  byMetric: z.record(z.string(), z.number()),
  key: z.string(),
  latencyMs: z.number(),
});

const eventSchema = z.object({
  executionArn: z.string().min(1),
  startedAt: z.string().min(1),
  discovery: z.object({ discovered: z.number().int().nonnegative(), skipped: z.array(itemResultSchema) }),
  results: z.array(z.unknown()),
  anomalies: anomaliesSchema,
  successMetrics: z.array(successMetricSchema),
});

/**
 * Builds the run report: counts that add up, failures by reason, latency percentiles, rows and bad rows,
 * images flagged for review, the anomalies the SQL found, and the success metrics measured for the run.
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const items = event.results.map(toItemResult);
  const finishedAt = new Date();
  const anomalies = event.anomalies;
  const measures = measureRun(items, {
    startedAt: Date.parse(event.startedAt),
    finishedAt: finishedAt.getTime(),
    anomalyLatencyMs: anomalies.latencyMs,
  });
  const report = buildRunReport({
    service: SERVICE_ID,
    executionArn: event.executionArn,
    startedAt: event.startedAt,
    finishedAt: finishedAt.toISOString(),
    discovered: event.discovery.discovered,
    skippedAtDiscovery: event.discovery.skipped,
    items,
    successMetrics: event.successMetrics,
    measured: measures.measured,
  });

  // Lineage of the failures: every processed file leaves a record, not only the converted ones.
  for (const item of items.filter((i) => i.status === 'FAILED')) {
    await recordLineage(lineage, {
      source_file_key: item.key,
      step_functions_execution_arn: event.executionArn,
      uc_id: SERVICE_ID,
      output_keys: [],
      status: 'failed',
      duration_ms: Math.round(item.metrics.latencyMs ?? 0),
      uc_template_version: TEMPLATE_VERSION,
      retention_profile: config.LINEAGE_RETENTION,
      metadata: { reason: item.reason ?? 'unknown' },
    });
  }

  const full = { ...report, sensors: measures.totals, anomalies };
  const written = await writer.putJson(reportKey(event.executionArn, finishedAt), full);
  const anomalyLine = `anomalies (${anomalies.engine}): ${anomalies.count}${anomalies.truncated ? '+' : ''}, ${anomalies.key}`;
  const summary = [
    summarizeReport(report),
    `  rows converted ${measures.totals.rowsValid} of ${measures.totals.rowsRead} (${measures.totals.badRows} bad), images flagged ${measures.totals.imagesFlagged} of ${measures.totals.imagesAnalyzed}`,
    `  ${anomalyLine}`,
  ].join('\n');
  ctx.metrics.addMetric('FilesSucceeded', 'Count', report.counts.succeeded);
  ctx.metrics.addMetric('FilesFailed', 'Count', report.counts.failed);
  ctx.log.info({ counts: report.counts, reportKey: written.key }, 'run report written');
  return { ...full, reportKey: written.key, summary };
});
