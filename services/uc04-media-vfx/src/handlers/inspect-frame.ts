import { createHandler, s3Of } from '@fsxn/lambda-kit';
import { failed, type ItemResult, succeeded } from '@fsxn/pipeline';
import { getRange } from '@fsxn/s3ap';
import { z } from 'zod';
import { inspectFrameConfig, SERVICE_ID } from '../config';
import { type FrameSummary, inspectFrame } from '../inspect-frame';

const config = inspectFrameConfig();
const s3 = s3Of(config);

const eventSchema = z.object({
  executionArn: z.string().min(1),
  item: z.object({ key: z.string().min(1), size: z.number().int().nonnegative(), etag: z.string().optional() }),
});

/** The item result plus the frame's header summary, which the sequence check reads from the Map output. */
export type InspectedFrame = ItemResult & { frame?: FrameSummary };

/**
 * Reads one render frame with bounded Range reads (header, offset table, a few sampled chunks or lines).
 * A file that is not valid EXR/DPX ends FAILED with the parser's reason; S3 faults throw and are retried.
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const started = performance.now();
  const { key, size } = event.item;
  const inspection = await inspectFrame({
    size,
    read: (start, end) => getRange(s3, config.INPUT_ACCESS_POINT, key, start, end),
  });
  const metrics = {
    latencyMs: Math.round(performance.now() - started),
    bytesRead: inspection.bytesRead,
    rangeReads: inspection.rangeReads,
  };
  if (inspection.kind === 'failed') {
    ctx.log.warn({ key, reason: inspection.reason }, 'frame failed');
    return failed(key, inspection.reason, { metrics }) satisfies InspectedFrame;
  }
  const { check } = inspection.summary;
  const result: InspectedFrame = {
    ...succeeded(key, {
      metrics: {
        ...metrics,
        decoded: check.decoded ? 1 : 0,
        black: check.decoded && check.black ? 1 : 0,
        uniform: check.decoded && check.uniform ? 1 : 0,
      },
    }),
    frame: inspection.summary,
  };
  return result;
});
