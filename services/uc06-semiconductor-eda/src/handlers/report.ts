import { createInference } from '@fsxn/inference';
import { createHandler, documentClient, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { recordLineage } from '@fsxn/lineage';
import { buildRunReport, reportEventShape, summarizeReport, toItemResult } from '@fsxn/pipeline';
import { z } from 'zod';
import { reportConfig, SERVICE_ID, TEMPLATE_VERSION } from '../config';
import { designReviewFacts, flaggedFiles, writeDesignReview } from '../design-review';
import { designReviewKey, reportKey } from '../outputs';

const config = reportConfig();
const writer = outputWriterOf(config, s3Of(config));
const lineage = { db: documentClient(), tableName: config.LINEAGE_TABLE };
const inference = createInference({
  mode: config.INFERENCE_MODE,
  textModelId: config.BEDROCK_MODEL_ID,
  ...(config.BEDROCK_CROSS_REGION ? { crossRegion: config.BEDROCK_CROSS_REGION } : {}),
});

const sqlValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const analysisSchema = z.object({
  analysisKey: z.string(),
  engine: z.string(),
  slowestQueryMs: z.number(),
  cellCountStats: z.record(z.string(), sqlValue),
  outlierCount: z.number(),
  outliers: z.array(
    z.object({
      id: z.string(),
      metric: z.string(),
      value: z.number(),
      q1: z.number(),
      q3: z.number(),
      direction: z.string(),
    }),
  ),
  libraryNamingViolations: z.array(z.object({ file_key: z.string(), library_name: z.string() })),
});

const eventSchema = z.object({
  ...reportEventShape,
  analysis: analysisSchema,
});

/**
 * Builds the run report (counts that add up, failures with reasons, latency, success metrics), writes the
 * design review (facts + narrative) and a lineage record for every file of the run.
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const items = event.results.map(toItemResult);
  const succeeded = items.filter((i) => i.status === 'SUCCEEDED');
  const counts = {
    discovered: event.discovery.discovered + event.discovery.skipped.length,
    succeeded: succeeded.length,
    failed: items.filter((i) => i.status === 'FAILED').length,
    skipped: event.discovery.skipped.length + items.filter((i) => i.status === 'SKIPPED').length,
  };
  const facts = designReviewFacts(counts, [...event.discovery.skipped, ...items], event.analysis);
  const review = await writeDesignReview(facts, inference.textGeneration);
  const now = new Date();
  const reviewOut = await writer.putText(
    designReviewKey(event.executionArn, now),
    review.markdown,
    'text/markdown; charset=utf-8',
  );
  const flagged = flaggedFiles(items, event.analysis).filter((k) => succeeded.some((i) => i.key === k));

  const report = buildRunReport({
    service: SERVICE_ID,
    executionArn: event.executionArn,
    startedAt: event.startedAt,
    finishedAt: now.toISOString(),
    discovered: event.discovery.discovered,
    skippedAtDiscovery: event.discovery.skipped,
    items,
    successMetrics: event.successMetrics,
    measured: {
      analyticsQueryMs: event.analysis.slowestQueryMs,
      reportGenerationMs: review.generationMs,
      flaggedFileRate: succeeded.length === 0 ? undefined : flagged.length / succeeded.length,
    },
  });

  for (const item of items) {
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

  const written = await writer.putJson(reportKey(event.executionArn, now), {
    ...report,
    analysisKey: event.analysis.analysisKey,
    designReviewKey: reviewOut.key,
    designReviewProvider: review.provider,
    flaggedFiles: flagged,
  });
  ctx.metrics.addMetric('FilesSucceeded', 'Count', report.counts.succeeded);
  ctx.metrics.addMetric('FilesFailed', 'Count', report.counts.failed);
  ctx.log.info({ counts: report.counts, reportKey: written.key }, 'run report written');
  return {
    ...report,
    reportKey: written.key,
    designReviewKey: reviewOut.key,
    flaggedFiles: flagged,
    summary: summarizeReport(report),
  };
});
