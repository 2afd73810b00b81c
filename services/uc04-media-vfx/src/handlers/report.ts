import { createHandler, documentClient, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { recordLineage } from '@fsxn/lineage';
import { buildRunReport, reportEventShape, summarizeReport, toItemResult } from '@fsxn/pipeline';
import { z } from 'zod';
import { reportConfig, SERVICE_ID, TEMPLATE_VERSION } from '../config';
import { reportKey } from '../outputs';

const config = reportConfig();
const writer = outputWriterOf(config, s3Of(config));
const lineage = { db: documentClient(), tableName: config.LINEAGE_TABLE };

const sequencesSchema = z.object({
  reportKey: z.string().min(1),
  sequenceCount: z.number().int().nonnegative(),
  sequencesWithProblems: z.number().int().nonnegative(),
  missingFrames: z.number().int().nonnegative(),
  blackFrames: z.number().int().nonnegative(),
  uniformFrames: z.number().int().nonnegative(),
  duplicateFrameNumbers: z.number().int().nonnegative(),
  identicalContent: z.number().int().nonnegative(),
  changes: z.number().int().nonnegative(),
});

const eventSchema = z.object({
  ...reportEventShape,
  sequences: sequencesSchema,
  /** Jobs the Deadline Cloud step submitted, or why it did not run. */
  rerenderJobs: z.object({
    submitted: z.array(z.object({ pattern: z.string(), frames: z.string(), jobId: z.string() })),
    skipped: z.string().optional(),
  }),
});

/**
 * Builds the run report (counts that add up, failures by reason, latency, bytes read per file, the
 * sequence findings and any Deadline Cloud jobs), measures the success metrics, and records lineage for
 * every frame checked, pointing at the sequence report.
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const items = event.results.map(toItemResult);
  const checked = items.filter((i) => i.status !== 'SKIPPED');
  const succeeded = items.filter((i) => i.status === 'SUCCEEDED');
  const bytesRead = checked.flatMap((i) => (i.metrics.bytesRead === undefined ? [] : [i.metrics.bytesRead]));
  const { sequences } = event;

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
      headerParseRate: checked.length === 0 ? undefined : succeeded.length / checked.length,
      blankCheckCoverage:
        succeeded.length === 0 ? undefined : succeeded.filter((i) => i.metrics.decoded === 1).length / succeeded.length,
      bytesReadPerFileMax: bytesRead.length === 0 ? undefined : Math.max(...bytesRead),
      sequencesWithProblems: sequences.sequenceCount === 0 ? undefined : sequences.sequencesWithProblems,
    },
  });

  for (const item of checked) {
    await recordLineage(lineage, {
      source_file_key: item.key,
      step_functions_execution_arn: event.executionArn,
      uc_id: SERVICE_ID,
      output_keys: [sequences.reportKey],
      status: item.status === 'SUCCEEDED' ? 'success' : 'failed',
      duration_ms: Math.round(item.metrics.latencyMs ?? 0),
      uc_template_version: TEMPLATE_VERSION,
      retention_profile: config.LINEAGE_RETENTION,
      metadata: item.status === 'FAILED' ? { reason: item.reason ?? 'unknown' } : {},
    });
  }

  const findings = {
    sequenceReportKey: sequences.reportKey,
    sequences: sequences.sequenceCount,
    sequencesWithProblems: sequences.sequencesWithProblems,
    missingFrames: sequences.missingFrames,
    blackFrames: sequences.blackFrames,
    uniformFrames: sequences.uniformFrames,
    duplicateFrameNumbers: sequences.duplicateFrameNumbers,
    identicalContent: sequences.identicalContent,
    resolutionOrChannelChanges: sequences.changes,
  };
  const rerenderJobs = event.rerenderJobs.submitted;
  const key = reportKey(event.executionArn, new Date());
  const written = await writer.putJson(key, { ...report, findings, rerenderJobs: event.rerenderJobs });
  const summary = [
    summarizeReport(report),
    `  sequences: ${findings.sequences} (${findings.sequencesWithProblems} with problems): ${findings.missingFrames} missing, ${findings.blackFrames} black, ${findings.uniformFrames} flat, ${findings.duplicateFrameNumbers} duplicate numbers, ${findings.identicalContent} identical-content groups, ${findings.resolutionOrChannelChanges} changes`,
    event.rerenderJobs.skipped
      ? `  re-render jobs: none (${event.rerenderJobs.skipped})`
      : `  Deadline Cloud re-render jobs submitted: ${rerenderJobs.length}`,
  ].join('\n');
  ctx.metrics.addMetric('FilesSucceeded', 'Count', report.counts.succeeded);
  ctx.metrics.addMetric('FilesFailed', 'Count', report.counts.failed);
  ctx.metrics.addMetric('BlackFrames', 'Count', findings.blackFrames);
  ctx.log.info({ counts: report.counts, reportKey: written.key }, 'run report written');
  return { ...report, findings, rerenderJobs: event.rerenderJobs, reportKey: written.key, summary };
});
