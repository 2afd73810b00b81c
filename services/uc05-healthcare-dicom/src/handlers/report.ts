import { createHandler, documentClient, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { recordFailureLineage } from '@fsxn/lineage';
import { buildRunReport, reportEventShape, summarizeReport, toItemResult } from '@fsxn/pipeline';
import { z } from 'zod';
import { reportConfig, SERVICE_ID, TEMPLATE_VERSION } from '../config';
import { reportKey } from '../outputs';
import { countReleasedPhiLeaks } from '../released-leaks';

const config = reportConfig();
const s3 = s3Of(config);
const writer = outputWriterOf(config, s3);
const lineage = { db: documentClient(), tableName: config.LINEAGE_TABLE };

const eventSchema = z.object(reportEventShape);

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

  const key = reportKey(event.executionArn, new Date());
  const written = await writer.putJson(key, { ...report, phiLeakDetails: phiLeaks.details });
  const summary = summarizeReport(report);
  ctx.metrics.addMetric('FilesSucceeded', 'Count', report.counts.succeeded);
  ctx.metrics.addMetric('FilesFailed', 'Count', report.counts.failed);
  ctx.metrics.addMetric('PhiLeaks', 'Count', phiLeaks.total);
  ctx.log.info({ counts: report.counts, reportKey: written.key }, 'run report written');
  return { ...report, reportKey: written.key, summary };
});
