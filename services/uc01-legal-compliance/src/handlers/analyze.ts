import { createHash } from 'node:crypto';
import { AthenaClient } from '@aws-sdk/client-athena';
import { aclRecordsTable, createEngineFromEnv } from '@fsxn/analytics';
import { needsReview } from '@fsxn/human-review';
import { createInference } from '@fsxn/inference';
import { createHandler, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { executionNameOf, toItemResult } from '@fsxn/pipeline';
import { z } from 'zod';
import { analyzeFindings } from '../analyze-findings';
import { composeReport } from '../compliance-report';
import { ACL_TABLE_NAME, analyzeConfig, SERVICE_ID } from '../config';
import { countByKind, countBySeverity } from '../domain';
import { ACL_DATA_DIR, draftReportKey, findingsKey } from '../outputs';
import { UC1_REVIEW_POLICY } from '../review-policy';

const config = analyzeConfig();
const writer = outputWriterOf(config, s3Of(config));
const table = aclRecordsTable({ name: ACL_TABLE_NAME, prefix: `${config.OUTPUT_PREFIX}${ACL_DATA_DIR}` });
// Athena (Glue table over acl-data/) in AWS, DuckDB over the same files locally: one SQL text, two engines.
const engine = createEngineFromEnv(process.env, { tables: [table], athenaClient: () => new AthenaClient({}) });
const inference = createInference({
  mode: config.INFERENCE_MODE,
  ...(config.BEDROCK_MODEL_ID ? { textModelId: config.BEDROCK_MODEL_ID } : {}),
});

const eventSchema = z.object({
  executionArn: z.string().min(1),
  volume: z
    .object({
      svmName: z.string(),
      volumeName: z.string(),
      junctionPath: z.string(),
      shares: z.array(z.object({ name: z.string(), path: z.string() })),
    })
    .passthrough(),
  results: z.array(z.unknown()),
});

/**
 * Outside the VPC: runs the finding queries over every ACL record (this run's and earlier ones), writes the
 * findings as NDJSON and a draft report, and decides whether a person must see it before it is published.
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const started = performance.now();
  const now = new Date();
  const findings = await analyzeFindings(engine, {
    table,
    now,
    staleAfterDays: config.STALE_AFTER_DAYS,
    limit: config.FINDINGS_LIMIT,
  });
  const counts = countBySeverity(findings);
  const byKind = countByKind(findings);
  const filesAudited = event.results.map(toItemResult).filter((i) => i.status === 'SUCCEEDED').length;
  const findingsWritten = await writer.putText(
    findingsKey(event.executionArn, now),
    findings.map((f) => `${JSON.stringify(f)}\n`).join(''),
    'application/x-ndjson',
  );
  const report = await composeReport(
    {
      executionName: executionNameOf(event.executionArn),
      generatedAt: now.toISOString(),
      volume: event.volume,
      shares: event.volume.shares,
      filesAudited,
      staleAfterDays: config.STALE_AFTER_DAYS,
      counts,
      byKind,
      findings,
    },
    inference.textGeneration,
  );
  const draft = await writer.putText(
    draftReportKey(event.executionArn),
    report.markdown,
    'text/markdown; charset=utf-8',
  );
  // Findings are computed by SQL, not scored by a model: full confidence; CRITICAL makes the run high value.
  const review = needsReview(UC1_REVIEW_POLICY, { confidence: 1, highValue: counts.CRITICAL > 0 });
  ctx.metrics.addMetric('AclFindings', 'Count', findings.length);
  ctx.metrics.addMetric('AclFindingsCritical', 'Count', counts.CRITICAL);
  ctx.log.info({ counts, review: review.reason }, 'findings analysed');
  return {
    counts,
    byKind,
    total: findings.length,
    filesAudited,
    truncated: Object.values(byKind).some((n) => n >= config.FINDINGS_LIMIT),
    findingsKey: findingsWritten.key,
    draftKey: draft.key,
    draftChecksum: createHash('sha256').update(report.markdown).digest('hex'),
    summaryProvider: report.summary.provider,
    engine: engine.dialect,
    durationMs: Math.round(performance.now() - started),
    review: { required: review.required, reason: review.reason },
  };
});
