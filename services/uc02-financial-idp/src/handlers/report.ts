import { createHandler, documentClient, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { recordLineage } from '@fsxn/lineage';
import { buildRunReport, reportEventShape, summarizeReport, toItemResult } from '@fsxn/pipeline';
import { z } from 'zod';
import { reportConfig, SERVICE_ID, TEMPLATE_VERSION } from '../config';
import { reportKey } from '../outputs';
import { measureExtraction } from '../report-metrics';

const config = reportConfig();
const writer = outputWriterOf(config, s3Of(config));
const lineage = { db: documentClient(), tableName: config.LINEAGE_TABLE };

const eventSchema = z.object(reportEventShape);

/**
 * Builds the run report (counts that add up, failures by reason, latency percentiles, review rate, the
 * extraction metrics) and records lineage for every document that produced no summary.
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const items = event.results.map(toItemResult);
  const report = buildRunReport({
    service: SERVICE_ID,
    executionArn: event.executionArn,
    startedAt: event.startedAt,
    finishedAt: new Date().toISOString(),
    discovered: event.discovery.discovered,
    skippedAtDiscovery: event.discovery.skipped,
    items,
    successMetrics: event.successMetrics,
    measured: measureExtraction(items),
  });

  // Released documents got their lineage at release; the rest (failed, skipped for lack of OCR) get it here.
  for (const item of items.filter((i) => i.status !== 'SUCCEEDED')) {
    await recordLineage(lineage, {
      source_file_key: item.key,
      step_functions_execution_arn: event.executionArn,
      uc_id: SERVICE_ID,
      output_keys: [],
      status: 'failed',
      duration_ms: Math.round(item.metrics.latencyMs ?? 0),
      uc_template_version: TEMPLATE_VERSION,
      retention_profile: config.LINEAGE_RETENTION,
      metadata: { outcome: item.status, reason: item.reason ?? 'unknown' },
    });
  }

  const key = reportKey(event.executionArn, new Date());
  const written = await writer.putJson(key, report);
  const summary = summarizeReport(report);
  ctx.metrics.addMetric('FilesSucceeded', 'Count', report.counts.succeeded);
  ctx.metrics.addMetric('FilesFailed', 'Count', report.counts.failed);
  ctx.log.info({ counts: report.counts, reportKey: written.key }, 'run report written');
  return { ...report, reportKey: written.key, summary };
});
