import { createHandler, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { failed, succeeded } from '@fsxn/pipeline';
import { getRange } from '@fsxn/s3ap';
import { z } from 'zod';
import { SERVICE_ID, seismicConfig } from '../config';
import { inspectSeismic } from '../inspect-seismic';
import { seismicMetadataKey } from '../outputs';

const config = seismicConfig();
const s3 = s3Of(config);
const writer = outputWriterOf(config, s3);
const options = { sampledTraces: config.SAMPLED_TRACES, maxSamplesPerTrace: config.MAX_SAMPLES_PER_TRACE };

const eventSchema = z.object({
  executionArn: z.string().min(1),
  item: z.object({ key: z.string().min(1), size: z.number().int().nonnegative(), etag: z.string().optional() }),
});

/**
 * SEG-Y metadata by Range reads only: the 3600-byte file headers, then the header and first samples of a
 * few traces spread over the file. Bytes read per file are bounded, whatever the file size.
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const started = performance.now();
  const { key, size } = event.item;
  const outcome = await inspectSeismic(
    {
      size,
      read: async (start, end) =>
        end > start
          ? new Uint8Array(await getRange(s3, config.INPUT_ACCESS_POINT, key, start, end - 1))
          : new Uint8Array(),
    },
    options,
  );
  const latencyMs = () => Math.round(performance.now() - started);
  if (outcome.kind === 'failed') {
    ctx.log.warn({ key, reason: outcome.reason }, 'SEG-Y file failed');
    return failed(key, outcome.reason, {
      metrics: { latencyMs: latencyMs(), bytesRead: outcome.bytesRead, fileBytes: size, seismic: 1 },
    });
  }
  const { inspection } = outcome;
  const written = await writer.putJson(seismicMetadataKey(key), { sourceKey: key, fileBytes: size, ...inspection });
  ctx.metrics.addMetric('SeismicBytesRead', 'Bytes', inspection.bytesRead);
  return succeeded(key, {
    outputs: [written.key],
    metrics: {
      latencyMs: latencyMs(),
      seismic: 1,
      bytesRead: inspection.bytesRead,
      readBudget: inspection.readBudget,
      fileBytes: size,
      traces: inspection.layout.traceCount,
      sampledTraces: inspection.sampledTraces.length,
      issues: inspection.issues.length,
      traceCountExact: inspection.layout.traceCountExact ? 1 : 0,
    },
  });
});
