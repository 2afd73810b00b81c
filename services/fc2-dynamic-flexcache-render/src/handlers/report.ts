import { createHandler, outputWriterOf } from '@fsxn/lambda-kit';
import {
  buildRunReport,
  executionNameOf,
  failed,
  type ItemResult,
  succeeded,
  successMetricSchema,
} from '@fsxn/pipeline';
import { z } from 'zod';
import { reportConfig, SERVICE_ID } from '../config';
import type { JobManifest } from '../domain/manifest';
import { cacheReadyMsOf, cleanupCompleteOf, failureOf, ontapCallsOf, type RunState } from '../domain/run-summary';
import { executionArn } from './events';

const config = reportConfig();
const writer = outputWriterOf(config);
const MAX_ITEMS_IN_OUTPUT = 500;

const itemOf = (file: JobManifest['files'][number]): ItemResult => {
  const metrics = { latencyMs: file.latencyMs, bytesRead: file.bytesRead };
  return file.status === 'SUCCEEDED'
    ? succeeded(file.key, { metrics })
    : failed(file.key, file.reason ?? 'unknown', { metrics });
};

/**
 * The job's report: what was created and removed, ONTAP calls, time to a ready cache, the files read
 * through the cache (counts that add up, failures with reasons), the cleanup outcome, and the measured
 * success metrics. Written under reports/<jobId>/ on the output access point.
 */
export const handler = createHandler(
  {
    service: SERVICE_ID,
    schema: z.object({
      executionArn,
      startedAt: z.string().min(1),
      run: z.record(z.string(), z.unknown()),
      successMetrics: z.array(successMetricSchema),
    }),
  },
  async (event, ctx) => {
    const run = event.run as RunState;
    const manifestName = run.processed?.manifestName;
    const manifest = manifestName === undefined ? undefined : await writer.getJson<JobManifest>(manifestName);
    const items = (manifest?.files ?? []).map(itemOf);
    const failure = failureOf(run.error);
    const cleanupFailure = failureOf(run.cleanupError);
    const ontapCalls = ontapCallsOf(run);
    const totals = run.processed?.totals;
    const report = buildRunReport({
      service: SERVICE_ID,
      executionArn: event.executionArn,
      startedAt: event.startedAt,
      finishedAt: new Date().toISOString(),
      discovered: items.length,
      skippedAtDiscovery: [],
      items,
      successMetrics: event.successMetrics,
      measured: {
        ontapCallsPerRun: ontapCalls,
        cacheReadyMs: cacheReadyMsOf(run, event.startedAt),
        cleanupComplete: cleanupCompleteOf(run),
        readMBps:
          totals === undefined || run.processed?.ms === undefined || run.processed.ms === 0
            ? undefined
            : totals.bytes / 1e6 / (run.processed.ms / 1000),
      },
    });
    const jobId = run.start?.plan?.jobId ?? null;
    const status = failure === null && cleanupFailure === null ? 'SUCCEEDED' : 'FAILED';
    const document = {
      status,
      jobId,
      cacheName: run.start?.plan?.cacheName ?? null,
      cache: { reused: run.submitted?.reused ?? null, createJob: run.submitted?.jobUuid ?? null },
      ontapCalls,
      manifestKey: run.processed?.manifestKey ?? null,
      cleanup: run.cleanup?.cache ?? null,
      failure,
      cleanupFailure,
      /** What the state machine's Fail state raises: the run's error, else the cleanup's. */
      failState: failure ?? cleanupFailure ?? { error: 'JobFailed', cause: 'the job did not finish' },
      ...report,
    };
    const key = `reports/${jobId ?? '_rejected'}/${executionNameOf(event.executionArn)}.json`;
    const written = await writer.putJson(key, document);
    const summary = [
      `${SERVICE_ID} job ${jobId ?? '(invalid input)'}: ${status}`,
      `files ${report.counts.discovered} (${report.counts.succeeded} ok, ${report.counts.failed} failed), ONTAP calls ${ontapCalls}`,
      `cache cleanup: ${run.cleanup?.cache?.action ?? 'not run'}`,
      ...(failure === null ? [] : [`error: ${failure.error}: ${failure.cause}`]),
      ...(cleanupFailure === null ? [] : [`cleanup error: ${cleanupFailure.error}: ${cleanupFailure.cause}`]),
    ].join('\n');
    ctx.log.info({ jobId, status, reportKey: written.key }, 'job report written');
    // Step Functions payloads are capped at 256 KB: large jobs keep their per-file list in the report object only.
    const listed = report.items.length <= MAX_ITEMS_IN_OUTPUT ? report.items : undefined;
    return { ...document, items: listed, itemsInReport: report.items.length, reportKey: written.key, summary };
  },
);
