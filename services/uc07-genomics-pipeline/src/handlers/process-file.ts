import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { createHandler, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { failed, type ItemResult } from '@fsxn/pipeline';
import { getRange, readStream } from '@fsxn/s3ap';
import { z } from 'zod';
import { analyzeFile, type Highlights } from '../analyze-file';
import { processFileConfig, SERVICE_ID } from '../config';
import { type GenomicsKind, kindOf, sampleIdOf } from '../file-kinds';
import { stagingKey } from '../outputs';

const config = processFileConfig();
const s3 = s3Of(config);
const writer = outputWriterOf(config, s3);

const eventSchema = z.object({
  executionArn: z.string().min(1),
  item: z.object({ key: z.string().min(1), size: z.number().int().nonnegative(), etag: z.string().optional() }),
});

/** Statistics staged for review: nothing reaches the released prefixes or the tables before approval. */
export interface StagedFile {
  status: 'STAGED';
  key: string;
  fileKind: GenomicsKind;
  sampleId: string;
  /** Relative to the output prefix, like every key a handler passes on. */
  stagedKey: string;
  /** The source object's ETag when the listing had one (lineage ties the statistics to that version). */
  sourceEtag: string;
  outputChecksum: string;
  latencyMs: number;
  bytesRead: number;
  highlights: Highlights;
}

export interface FinishedFile {
  status: 'FINISHED';
  result: ItemResult;
}

export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const started = performance.now();
  const { key, size } = event.item;
  const elapsed = () => Math.round(performance.now() - started);
  const kind = kindOf(key);
  if (!kind) return finished(failed(key, 'UnsupportedFile: not a FASTQ, VCF or BAM file name'));

  const outcome = await analyzeFile(kind, {
    stream: (consume) =>
      readStream(s3, config.INPUT_ACCESS_POINT, key, (body: Readable) => consume(body as AsyncIterable<Uint8Array>)),
    readRange: (start, end) => getRange(s3, config.INPUT_ACCESS_POINT, key, start, end),
    size,
    limits: {
      passQuality: config.PASS_QUALITY,
      fastqReadLimit: config.FASTQ_READ_LIMIT,
      maxMalformedRecords: config.MAX_MALFORMED_RECORDS,
      maxLineBytes: config.MAX_LINE_BYTES,
      maxBamHeaderBytes: config.MAX_BAM_HEADER_BYTES,
    },
  });
  if (outcome.kind === 'failed') {
    ctx.log.warn({ key, reason: outcome.reason }, 'file failed');
    return finished(failed(key, outcome.reason, { metrics: { latencyMs: elapsed() } }));
  }

  const sampleId = sampleIdOf(key);
  const stagedKey = stagingKey(event.executionArn, key, kind);
  const body = Buffer.from(
    JSON.stringify({ sourceKey: key, sampleId, analyzedAt: new Date().toISOString(), ...outcome.document }, null, 2),
  );
  await writer.putBytes(stagedKey, body, 'application/json; charset=utf-8');
  ctx.metrics.addMetric('BytesRead', 'Bytes', outcome.bytesRead);
  const result: StagedFile = {
    status: 'STAGED',
    key,
    fileKind: kind,
    sampleId,
    stagedKey,
    sourceEtag: event.item.etag ?? '',
    outputChecksum: createHash('sha256').update(body).digest('hex'),
    latencyMs: elapsed(),
    bytesRead: outcome.bytesRead,
    highlights: outcome.highlights,
  };
  return result;
});

const finished = (result: ItemResult): FinishedFile => ({ status: 'FINISHED', result });
