import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { getTask } from '@fsxn/human-review';
import { createHandler, documentClient, outputWriterOf, PermanentError, s3Of, sfnClient } from '@fsxn/lambda-kit';
import { recordFailureLineage, recordLineage } from '@fsxn/lineage';
import { buildRunReport, reportEventShape, summarizeReport, toItemResult } from '@fsxn/pipeline';
import { bucketOf } from '@fsxn/s3ap';
import { z } from 'zod';
import { reportConfig, SERVICE_ID, TEMPLATE_VERSION } from '../config';
import { publishedReportKey, runReportKey } from '../outputs';
import { decidePublication, type GateOutcome, sha256Hex } from '../publish-report';

const config = reportConfig();
const s3 = s3Of(config);
const writer = outputWriterOf(config, s3);
const outputBucket = bucketOf(config.OUTPUT_ACCESS_POINT);
const db = documentClient();
const reviews = { db, sfn: sfnClient(), tableName: config.REVIEW_TABLE };
const lineage = { db, tableName: config.LINEAGE_TABLE };

const counts = z.object({ CRITICAL: z.number(), HIGH: z.number(), MEDIUM: z.number(), LOW: z.number() });

const eventSchema = z.object({
  ...reportEventShape,
  volume: z.object({ svmName: z.string(), volumeName: z.string(), junctionPath: z.string() }).passthrough(),
  analysis: z.object({
    counts,
    byKind: z.record(z.string(), z.number()),
    total: z.number().int().nonnegative(),
    truncated: z.boolean(),
    findingsKey: z.string().min(1),
    draftKey: z.string().min(1),
    draftChecksum: z.string().regex(/^[0-9a-f]{64}$/),
    summaryProvider: z.string(),
    engine: z.string(),
    durationMs: z.number().nonnegative(),
    review: z.object({ required: z.boolean(), reason: z.string() }),
  }),
  review: z.union([
    z.object({ decision: z.literal('not_required') }),
    z.object({ decision: z.literal('approved'), reviewId: z.string().min(1) }).passthrough(),
    z.object({ Error: z.string(), Cause: z.string().optional() }),
  ]),
});

const relative = (key: string) => key.slice(config.OUTPUT_PREFIX.length);

/**
 * Builds the run report (counts that add up, findings per severity, measured success metrics), publishes the
 * compliance report when no review was needed or a person approved it, and records lineage.
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const { analysis } = event;
  const items = event.results.map(toItemResult);
  const now = new Date();

  const decision = await decidePublication({
    reviewRequired: analysis.review.required,
    gate: event.review as GateOutcome,
    draftKey: analysis.draftKey,
    loadTask: (reviewId) => getTask(reviews, reviewId),
  });
  let publishedKey: string | undefined;
  if (decision.publish) {
    const draft = await writer.getBytes(relative(analysis.draftKey), 16 * 1024 * 1024);
    if (sha256Hex(draft) !== analysis.draftChecksum) {
      throw new PermanentError(`draft report ${analysis.draftKey} changed after analysis; not publishing it`);
    }
    const written = await writer.putBytes(
      publishedReportKey(event.executionArn, now),
      draft,
      'text/markdown; charset=utf-8',
    );
    await s3.send(new DeleteObjectCommand({ Bucket: outputBucket, Key: analysis.draftKey }));
    publishedKey = written.key;
  }

  const reviewed = analysis.review.required && decision.publish;
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
      criticalFindings: analysis.counts.CRITICAL,
      analysisMs: analysis.durationMs,
      // Share of findings a person had to look at: all of them when the run was gated, none otherwise.
      findingsReviewShare:
        analysis.total === 0 ? 0 : analysis.review.required ? analysis.counts.CRITICAL / analysis.total : 0,
    },
  });

  const outputs = [analysis.findingsKey, ...(publishedKey ? [publishedKey] : [])];
  await recordLineage(lineage, {
    source_file_key: `${event.volume.svmName}:${event.volume.volumeName}${event.volume.junctionPath}`,
    step_functions_execution_arn: event.executionArn,
    uc_id: SERVICE_ID,
    output_keys: outputs,
    status: decision.publish ? 'success' : 'partial',
    duration_ms: Math.round(analysis.durationMs),
    output_checksum: analysis.draftChecksum,
    uc_template_version: TEMPLATE_VERSION,
    retention_profile: config.LINEAGE_RETENTION,
    metadata: {
      findings: analysis.total,
      critical: analysis.counts.CRITICAL,
      engine: analysis.engine,
      ...(decision.publish ? {} : { notPublished: decision.reason }),
      ...(decision.publish && decision.reviewedBy ? decision.reviewedBy : {}),
    },
  });
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

  const compliance = {
    findings: {
      total: analysis.total,
      truncated: analysis.truncated,
      bySeverity: analysis.counts,
      byKind: analysis.byKind,
    },
    findingsKey: analysis.findingsKey,
    report: decision.publish
      ? { published: true, key: publishedKey, reviewed, ...(decision.reviewedBy ?? {}) }
      : { published: false, draftKey: analysis.draftKey, reason: decision.reason },
    engine: analysis.engine,
    summaryProvider: analysis.summaryProvider,
  };
  const written = await writer.putJson(runReportKey(event.executionArn, now), { ...report, compliance });
  const { CRITICAL, HIGH, MEDIUM, LOW } = analysis.counts;
  const summary = [
    summarizeReport(report),
    `  findings: ${analysis.total} (CRITICAL ${CRITICAL}, HIGH ${HIGH}, MEDIUM ${MEDIUM}, LOW ${LOW})`,
    decision.publish ? `  report: ${publishedKey}` : `  report not published: ${decision.reason}`,
  ].join('\n');
  ctx.metrics.addMetric('FilesSucceeded', 'Count', report.counts.succeeded);
  ctx.metrics.addMetric('FilesFailed', 'Count', report.counts.failed);
  ctx.log.info({ counts: report.counts, findings: analysis.counts, reportKey: written.key }, 'run report written');
  return { ...report, compliance, reportKey: written.key, summary };
});
