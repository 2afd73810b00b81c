import { createInference } from '@fsxn/inference';
import { createHandler, documentClient, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { recordLineage } from '@fsxn/lineage';
import { buildRunReport, reportEventShape, summarizeReport, toItemResult } from '@fsxn/pipeline';
import { z } from 'zod';
import { type AnalyticsOverview, reportFacts, writeComplianceReport } from '../compliance-report';
import { reportConfig, SERVICE_ID, TEMPLATE_VERSION } from '../config';
import { complianceReportKey, reportKey } from '../outputs';

const config = reportConfig();
const writer = outputWriterOf(config, s3Of(config));
const lineage = { db: documentClient(), tableName: config.LINEAGE_TABLE };
const inference = createInference({
  mode: config.INFERENCE_MODE,
  ...(config.BEDROCK_MODEL_ID ? { textModelId: config.BEDROCK_MODEL_ID } : {}),
});

const analyticsSchema = z.union([
  z.object({
    engine: z.string(),
    byWell: z.array(z.record(z.string(), z.unknown())),
    bySensor: z.array(z.record(z.string(), z.unknown())),
    agreement: z.object({ ratio: z.number(), matched: z.number(), sqlOnly: z.number(), domainOnly: z.number() }),
  }),
  // What the Catch of the analytics step records when it failed: the run still reports.
  z.object({ Error: z.string(), Cause: z.string().optional() }),
]);

const eventSchema = z.object({
  ...reportEventShape,
  analytics: analyticsSchema,
});

/**
 * Builds the run report (counts that add up, failures with reasons, measured success metrics), records
 * lineage for every processed file, and writes the compliance report (facts + narrative).
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const items = event.results.map(toItemResult);
  const analytics: AnalyticsOverview | { error: string } =
    'Error' in event.analytics ? { error: `${event.analytics.Error}` } : event.analytics;
  const processed = items.filter((i) => i.status !== 'SKIPPED');
  const seismicOk = items.filter((i) => i.status === 'SUCCEEDED' && i.metrics.seismic === 1);
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
      parseSuccessRate:
        processed.length === 0
          ? undefined
          : processed.filter((i) => i.status === 'SUCCEEDED').length / processed.length,
      anomalyAgreement: 'error' in analytics ? undefined : analytics.agreement.ratio,
      maxSeismicBytesRead:
        seismicOk.length === 0 ? undefined : Math.max(...seismicOk.map((i) => i.metrics.bytesRead ?? 0)),
    },
  });

  for (const item of processed) {
    await recordLineage(lineage, {
      source_file_key: item.key,
      step_functions_execution_arn: event.executionArn,
      uc_id: SERVICE_ID,
      output_keys: item.outputs,
      status: item.status === 'SUCCEEDED' ? 'success' : 'failed',
      duration_ms: Math.round(item.metrics.latencyMs ?? 0),
      uc_template_version: TEMPLATE_VERSION,
      retention_profile: config.LINEAGE_RETENTION,
      metadata: item.reason ? { reason: item.reason } : {},
    });
  }

  const now = new Date();
  const compliance = await writeComplianceReport(reportFacts(report, analytics), inference.textGeneration);
  const complianceKey = (
    await writer.putText(
      complianceReportKey(event.executionArn, now),
      `${compliance.facts}\n## Narrative (${compliance.narrative.provider})\n\n${compliance.narrative.text}\n`,
      'text/markdown; charset=utf-8',
    )
  ).key;
  const written = await writer.putJson(reportKey(event.executionArn, now), {
    ...report,
    analytics,
    compliance: { key: complianceKey, provider: compliance.narrative.provider },
  });
  const summary = summarizeReport(report);
  ctx.metrics.addMetric('FilesSucceeded', 'Count', report.counts.succeeded);
  ctx.metrics.addMetric('FilesFailed', 'Count', report.counts.failed);
  ctx.log.info({ counts: report.counts, reportKey: written.key }, 'run report written');
  return { ...report, analytics, reportKey: written.key, complianceReportKey: complianceKey, summary };
});
