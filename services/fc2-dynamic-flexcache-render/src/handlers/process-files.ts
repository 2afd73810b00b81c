import { createHandler, documentClient, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { executionNameOf } from '@fsxn/pipeline';
import { z } from 'zod';
import { processConfig, SERVICE_ID } from '../config';
import { moveJob, reportProgress } from '../job-store';
import { processFiles } from '../steps/process-files';
import { executionArn, planSchema } from './events';

const config = processConfig();
const s3 = s3Of(config);
const writer = outputWriterOf(config, s3);
const store = { db: documentClient(), tableName: config.JOB_TABLE };

/**
 * The job's processing, through the cache: reads every selected file via the cache's S3 access point and
 * writes the manifest (bytes and SHA-256 per file). It reports its own progress into the job record and
 * stops reading at the job's processing timeout (the state machine's TimeoutSeconds then cleans up).
 */
export const handler = createHandler(
  {
    service: SERVICE_ID,
    schema: z.object({ executionArn, plan: planSchema, alias: z.string().min(1), timeouts: z.unknown() }),
  },
  async (event, ctx) => {
    const { plan } = event;
    const owner = event.executionArn;
    await moveJob(store, { jobId: plan.jobId, owner, to: 'PROCESSING', now: new Date() });
    const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(plan.timeouts.processingSeconds * 1000)]);
    const started = performance.now();
    const manifest = await processFiles(plan, event.alias, {
      s3,
      concurrency: config.READ_CONCURRENCY,
      signal,
      progressEvery: config.PROGRESS_EVERY_FILES,
      onProgress: async (progress) => {
        ctx.log.info({ jobId: plan.jobId, ...progress }, 'processing progress');
        await reportProgress(store, plan.jobId, owner, progress, new Date());
      },
    });
    const key = `manifests/${plan.jobId}/${executionNameOf(owner)}.json`;
    const written = await writer.putJson(key, manifest);
    ctx.metrics.addMetric('FilesRead', 'Count', manifest.totals.files);
    ctx.metrics.addMetric('BytesRead', 'Bytes', manifest.totals.bytes);
    return {
      manifestKey: written.key,
      /** Relative to the output prefix (what the Report step reads back). */
      manifestName: key,
      totals: manifest.totals,
      checksumList: manifest.checksumList,
      listingLimited: manifest.listingLimited,
      ms: Math.round(performance.now() - started),
    };
  },
);
