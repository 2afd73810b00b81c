import { analyticsWriterOf, createHandler, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { failed, succeeded } from '@fsxn/pipeline';
import { getRange, readStream } from '@fsxn/s3ap';
import { z } from 'zod';
import { extractConfig, SERVICE_ID } from '../config';
import { extractLayout } from '../extract-layout';
import { layoutSummaryKey, metadataRowKey } from '../outputs';

const config = extractConfig();
const s3 = s3Of(config);
const writer = outputWriterOf(config, s3);
const rows = analyticsWriterOf(config, s3, '');

const eventSchema = z.object({
  executionArn: z.string().min(1),
  item: z.object({ key: z.string().min(1), size: z.number().int().nonnegative(), etag: z.string().optional() }),
});

/**
 * Reads one layout file (GDSII: streamed record walk; OASIS: Range reads), writes its full summary
 * (`layouts/<key>.json`) and its table row (`layout-metadata/…`). Unreadable files still get a row with
 * `cell_count` NULL, so the SQL counts them as invalid, and end FAILED with the parser's reason.
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const started = performance.now();
  const { key, size } = event.item;
  const outcome = await extractLayout(
    {
      key,
      size,
      stream: (consume) => readStream(s3, config.INPUT_ACCESS_POINT, key, (body) => consume(body)),
      range: (start, end) => getRange(s3, config.INPUT_ACCESS_POINT, key, start, end),
    },
    {
      limits: { headBytes: config.OASIS_HEAD_BYTES, nameTableBytes: config.OASIS_NAME_TABLE_BYTES },
      now: () => new Date(),
    },
  );
  const latencyMs = () => Math.round(performance.now() - started);
  if (outcome.kind === 'failed') {
    await rows.putText(metadataRowKey(key), `${JSON.stringify(outcome.row)}\n`, 'application/x-ndjson');
    ctx.log.warn({ key, reason: outcome.reason }, 'layout failed');
    return failed(key, outcome.reason, { metrics: { latencyMs: latencyMs(), bytesRead: outcome.bytesRead } });
  }
  const { facts, summary } = outcome;
  const summaryOut = await writer.putJson(layoutSummaryKey(key), {
    sourceKey: key,
    sizeBytes: size,
    bytesRead: outcome.bytesRead,
    namingViolations: facts.namingViolations,
    summary,
  });
  const rowOut = await rows.putText(metadataRowKey(key), `${JSON.stringify(facts.row)}\n`, 'application/x-ndjson');
  ctx.metrics.addMetric('LayoutBytesRead', 'Bytes', outcome.bytesRead);
  return succeeded(key, {
    outputs: [summaryOut.key, rowOut.key],
    metrics: {
      latencyMs: latencyMs(),
      bytesRead: outcome.bytesRead,
      sizeBytes: size,
      cellCount: facts.cellNames.length,
      namingViolations: facts.namingViolations.length,
      gdsii: outcome.format === 'GDSII' ? 1 : 0,
      ...(facts.row.bbox_width === null ? {} : { bboxWidthUm: facts.row.bbox_width }),
      ...(facts.row.bbox_height === null ? {} : { bboxHeightUm: facts.row.bbox_height }),
    },
  });
});
