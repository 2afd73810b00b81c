import { createHandler, documentClient, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { recordFailureLineage } from '@fsxn/lineage';
import { buildRunReport, reportEventShape, summarizeReport, toItemResult } from '@fsxn/pipeline';
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
  ...reportEventShape,
  anomalies: anomaliesSchema,
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
  await recordFailureLineage(
    lineage,
    {
      executionArn: event.executionArn,
      ucId: SERVICE_ID,
      templateVersion: TEMPLATE_VERSION,
      retentionProfile: config.LINEAGE_RETENTION,
    },
    items,
  );

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
