import { createHandler, documentClient, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { recordFailureLineage } from '@fsxn/lineage';
import { buildRunReport, reasonFromCatch, reportEventShape, summarizeReport, toItemResult } from '@fsxn/pipeline';
import { z } from 'zod';
import { reportConfig, SERVICE_ID, TEMPLATE_VERSION } from '../config';
import { reportKey } from '../outputs';

const config = reportConfig();
const writer = outputWriterOf(config, s3Of(config));
const lineage = { db: documentClient(), tableName: config.LINEAGE_TABLE };

/** The Analyze step's result, or the error its Catch recorded (the report still gets written). */
const analysisSchema = z.union([
  z.object({ status: z.literal('ANALYZED'), summaryKey: z.string() }).passthrough(),
  z.object({ Error: z.string().optional(), Cause: z.string().optional() }),
]);

const eventSchema = z.object({
  ...reportEventShape,
  analysis: analysisSchema,
});

/**
 * Builds the run report: counts that add up, failures by reason, latency percentiles, review rate, the
 * QC pass rate of released FASTQ samples, the analysis outcome, and the success metrics measured for the run.
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const items = event.results.map(toItemResult);
  const fastq = items.filter((i) => i.status === 'SUCCEEDED' && i.metrics.qcPassed !== undefined);
  const analysis =
    'status' in event.analysis
      ? event.analysis
      : { status: 'FAILED' as const, reason: reasonFromCatch(event.analysis) };

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
      qcPassRate: fastq.length === 0 ? undefined : fastq.filter((i) => i.metrics.qcPassed === 1).length / fastq.length,
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
  const written = await writer.putJson(key, { ...report, analysis });
  const summary = [
    summarizeReport(report),
    analysis.status === 'ANALYZED'
      ? `  research summary: ${analysis.summaryKey}`
      : `  analysis failed: ${analysis.reason}`,
  ].join('\n');
  ctx.metrics.addMetric('FilesSucceeded', 'Count', report.counts.succeeded);
  ctx.metrics.addMetric('FilesFailed', 'Count', report.counts.failed);
  ctx.log.info({ counts: report.counts, reportKey: written.key }, 'run report written');
  return { ...report, analysis, reportKey: written.key, summary };
});
