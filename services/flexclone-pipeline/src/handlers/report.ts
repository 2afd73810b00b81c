import { createHandler, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { executionNameOf, successMetricSchema } from '@fsxn/pipeline';
import { z } from 'zod';
import { reportConfig, SERVICE_ID } from '../config';
import { fileItemsOf, itemsForOutput, manifestNameFor } from '../domain/file-items';
import { buildReport, failureOf, summarize } from '../domain/report';
import { anyPlan, timingSchema } from './events';

const config = reportConfig();
const writer = outputWriterOf(config, s3Of(config));

const withTiming = z.object({ timing: timingSchema }).loose();
const caught = z.object({ Error: z.string().optional(), Cause: z.string().optional() });
/** What Report needs of the manifest ProcessFiles wrote (manifest and metadata modes). */
const manifestSchema = z.object({
  objects: z.array(z.object({ key: z.string().min(1), size: z.number(), error: z.string().optional() }).loose()),
});
const action = z.object({ action: z.string(), reason: z.string().optional() }).loose();

const runSchema = z.object({
  input: z.unknown().optional(),
  plan: anyPlan.optional(),
  prepared: withTiming.optional(),
  snapshot: withTiming.extend({ uuid: z.string(), name: z.string(), createdByRun: z.boolean() }).optional(),
  submitted: withTiming.optional(),
  online: z
    .object({
      online: z.boolean(),
      at: z.string().optional(),
      clone: z.object({ uuid: z.string(), name: z.string(), junctionPath: z.string() }).nullable().optional(),
      timing: timingSchema.optional(),
    })
    .loose()
    .optional(),
  accessPoint: z.object({ alias: z.string().nullable(), timing: timingSchema.optional() }).loose().optional(),
  processed: withTiming.extend({ files: z.number(), bytes: z.number(), manifestKey: z.string().nullable() }).optional(),
  share: withTiming.extend({ share: z.object({ name: z.string(), path: z.string() }).nullable() }).optional(),
  split: z
    .object({ done: z.boolean(), percentComplete: z.number(), timing: timingSchema.optional() })
    .loose()
    .optional(),
  splitStarted: withTiming.extend({ clone: z.object({ uuid: z.string(), name: z.string() }) }).optional(),
  cleanup: withTiming.extend({ share: action, clone: action, snapshot: action }).optional(),
  detached: z.object({ accessPoint: z.string() }).optional(),
  error: caught.optional(),
  cleanupError: caught.optional(),
});

const eventSchema = z.object({
  executionArn: z.string().min(1),
  startedAt: z.string().min(1),
  /** The whole execution state: every part is optional because a failure can stop the run at any step. */
  run: runSchema,
  successMetrics: z.array(successMetricSchema),
});

/**
 * The run report: what was created (uuids, junction path, share, access point), timings and ONTAP calls per
 * step, files processed, the cleanup outcome and the failure by its own name; written next to the
 * manifests and summarised for the SNS notification.
 */
/** The operation an input asked for, also when the input was invalid (no plan). */
const operationOf = (input: unknown): string => {
  const op = typeof input === 'object' && input !== null ? (input as { operation?: unknown }).operation : undefined;
  return typeof op === 'string' && ['run', 'cleanup', 'split'].includes(op) ? op : 'run';
};

export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (raw, ctx) => {
  const finishedAt = new Date();
  const event = raw.run;
  const created: Record<string, unknown> = {};
  if (event.snapshot?.createdByRun) created.snapshot = { uuid: event.snapshot.uuid, name: event.snapshot.name };
  if (event.online?.clone) created.clone = event.online.clone;
  if (event.share?.share) created.share = event.share.share;
  if (event.accessPoint?.alias) created.accessPoint = event.accessPoint.alias;
  if (event.splitStarted) created.split = { clone: event.splitStarted.clone, done: event.split?.done ?? false };
  const snapshotStart = event.snapshot?.timing.startedAt;
  const onlineAt = event.online?.online === true ? event.online.at : undefined;
  const failure = event.error === undefined ? undefined : failureOf(event.error);
  // A cleanup that failed leaves its own error; the run's failure stays the first one.
  const cleanupFailure = event.cleanupError === undefined ? undefined : failureOf(event.cleanupError);
  const cleanup =
    event.cleanup === undefined
      ? undefined
      : {
          share: event.cleanup.share,
          clone: event.cleanup.clone,
          snapshot: event.cleanup.snapshot,
          ...(event.detached ? { accessPoint: event.detached.accessPoint } : {}),
        };

  const report = buildReport({
    executionArn: raw.executionArn,
    operation: event.plan?.operation ?? operationOf(event.input),
    startedAt: raw.startedAt,
    finishedAt: finishedAt.toISOString(),
    steps: {
      Prepare: event.prepared?.timing,
      CreateSnapshot: event.snapshot?.timing,
      CreateClone: event.submitted?.timing,
      CheckOnline: event.online?.timing,
      AttachAccessPoint: event.accessPoint?.timing,
      ProcessFiles: event.processed?.timing,
      CreateShare: event.share?.timing,
      StartSplit: event.splitStarted?.timing,
      CheckSplit: event.split?.timing,
      Cleanup: event.cleanup?.timing,
    },
    created,
    files:
      event.processed === undefined
        ? null
        : { files: event.processed.files, bytes: event.processed.bytes, manifestKey: event.processed.manifestKey },
    cleanup,
    cleanupFailure,
    failure,
    cloneReadyMs:
      snapshotStart === undefined || onlineAt === undefined
        ? undefined
        : Date.parse(onlineAt) - Date.parse(snapshotStart),
    successMetrics: raw.successMetrics,
  });
  // Per-file items come from the manifest (count mode writes none): the state carries only the totals.
  const items =
    event.processed === undefined || event.processed.manifestKey === null
      ? []
      : fileItemsOf(
          manifestSchema.parse(await writer.getJson(manifestNameFor(executionNameOf(raw.executionArn)))).objects,
        );
  const counts = {
    discovered: items.length,
    succeeded: items.filter((i) => i.status === 'SUCCEEDED').length,
    failed: items.filter((i) => i.status === 'FAILED').length,
    skipped: items.filter((i) => i.status === 'SKIPPED').length,
  };
  const written = await writer.putJson(`reports/${executionNameOf(raw.executionArn)}.json`, {
    ...report,
    counts,
    items,
  });
  ctx.metrics.addMetric('OntapCalls', 'Count', report.ontapCalls);
  ctx.log.info({ status: report.status, ontapCalls: report.ontapCalls, reportKey: written.key }, 'run report written');
  return {
    ...report,
    counts,
    items: itemsForOutput(items),
    itemsInReport: items.length,
    reportKey: written.key,
    summary: summarize(report),
  };
});
