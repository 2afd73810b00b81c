import { createHandler, documentClient, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { recordLineage } from '@fsxn/lineage';
import { buildRunReport, itemResultSchema, successMetricSchema, summarizeReport, toItemResult } from '@fsxn/pipeline';
import { z } from 'zod';
import { reportConfig, SERVICE_ID, TEMPLATE_VERSION } from '../config';
import { reportKey } from '../outputs';
import { countReleasedPhiLeaks } from '../released-leaks';

const config = reportConfig();
const s3 = s3Of(config);
const writer = outputWriterOf(config, s3);
const lineage = { db: documentClient(), tableName: config.LINEAGE_TABLE };

const eventSchema = z.object({
  executionArn: z.string().min(1),
  startedAt: z.string().min(1),
  discovery: z.object({ discovered: z.number().int().nonnegative(), skipped: z.array(itemResultSchema) }),
  results: z.array(z.unknown()),
  successMetrics: z.array(successMetricSchema),
});

/**
 * Builds the run report: counts that add up, failures by reason, latency percentiles, review rate, the
 * PHI leak count found by re-parsing every released output, and the success metrics measured for the run.
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const items = event.results.map(toItemResult);
  const released = items.flatMap((i) => i.outputs.filter((k) => !k.endsWith('.deid.json')));
  const phiLeaks = await countReleasedPhiLeaks(released, (key) =>
    writer.getBytes(key.slice(config.OUTPUT_PREFIX.length), config.MAX_FILE_BYTES),
  );
  const succeeded = items.filter((i) => i.status === 'SUCCEEDED');
  const classified = succeeded.filter((i) => i.metrics.classified === 1).length;

  const report = buildRunReport({
    service: SERVICE_ID,
    executionArn: event.executionArn,
    startedAt: event.startedAt,
    finishedAt: new Date().toISOString(),
    discovered: event.discovery.discovered,
    skippedAtDiscovery: event.discovery.skipped,
    items,
    successMetrics: event.successMetrics,
    measured: {
      phiLeaks: phiLeaks.total,
      classificationRate: succeeded.length === 0 ? undefined : classified / succeeded.length,
    },
  });

  // Lineage of the failures: every processed file leaves a record, not only the released ones.
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

  const key = reportKey(event.executionArn, new Date());
  const written = await writer.putJson(key, { ...report, phiLeakDetails: phiLeaks.details });
  const summary = summarizeReport(report);
  ctx.metrics.addMetric('FilesSucceeded', 'Count', report.counts.succeeded);
  ctx.metrics.addMetric('FilesFailed', 'Count', report.counts.failed);
  ctx.metrics.addMetric('PhiLeaks', 'Count', phiLeaks.total);
  ctx.log.info({ counts: report.counts, reportKey: written.key }, 'run report written');
  return { ...report, reportKey: written.key, summary };
});
