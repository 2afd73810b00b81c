import type { Readable } from 'node:stream';
import { GetObjectCommand, type GetObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { S3ApInvalidInputError, S3ApLimitError, toS3ApError } from './errors';
import { type BucketTarget, bucketOf } from './list';

export interface ReadOptions {
  /** Inclusive byte range. */
  range?: { start: number; endInclusive: number };
}

const rangeHeader = (range: ReadOptions['range']): string | undefined => {
  if (!range) return undefined;
  const { start, endInclusive } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(endInclusive) || start < 0 || endInclusive < start) {
    throw new S3ApInvalidInputError(`Invalid byte range ${start}-${endInclusive}.`);
  }
  return `bytes=${start}-${endInclusive}`;
};

const bodyStream = (output: GetObjectCommandOutput): Readable => output.Body as Readable;

/**
 * GETs an object and hands its body stream to `consume`. The body is always either read to the end by
 * `consume` or destroyed afterwards — also when `consume` throws — so no socket is left hanging.
 */
export const readStream = async <T>(
  client: S3Client,
  ap: BucketTarget,
  key: string,
  consume: (body: Readable, meta: { contentLength?: number; etag?: string; contentType?: string }) => Promise<T>,
  options: ReadOptions = {},
): Promise<T> => {
  const bucket = bucketOf(ap);
  const range = rangeHeader(options.range);
  let output: GetObjectCommandOutput;
  try {
    output = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: range }));
  } catch (error) {
    throw toS3ApError(error, { operation: 'GetObject', bucket, key });
  }
  const body = bodyStream(output);
  try {
    return await consume(body, {
      contentLength: output.ContentLength,
      etag: output.ETag?.replace(/^"|"$/g, ''),
      contentType: output.ContentType,
    });
  } finally {
    if (!body.readableEnded && !body.destroyed) body.destroy();
  }
};

/** Reads a whole stream into a Buffer, failing once more than `maxBytes` arrive. */
const drain = async (body: Readable, maxBytes: number, what: string): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += buffer.length;
    if (total > maxBytes)
      throw new S3ApLimitError(`${what} is larger than the ${maxBytes}-byte limit for reading into memory.`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, total);
};

/** Bytes start..endInclusive of an object. */
export const getRange = (
  client: S3Client,
  ap: BucketTarget,
  key: string,
  start: number,
  endInclusive: number,
): Promise<Buffer> =>
  readStream(client, ap, key, (body) => drain(body, endInclusive - start + 1, `Range of ${key}`), {
    range: { start, endInclusive },
  });

/** The whole object in memory, refused (before reading when the size is known) above `maxBytes` (default 64 MiB). */
export const getBytes = (
  client: S3Client,
  ap: BucketTarget,
  key: string,
  options: { maxBytes?: number } = {},
): Promise<Buffer> => {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  return readStream(client, ap, key, async (body, meta) => {
    if (meta.contentLength !== undefined && meta.contentLength > maxBytes) {
      throw new S3ApLimitError(
        `${key} is ${meta.contentLength} bytes, above the ${maxBytes}-byte limit for reading into memory.`,
      );
    }
    return drain(body, maxBytes, key);
  });
};
