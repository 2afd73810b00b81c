import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { S3ApLimitError, toS3ApError } from './errors';
import {
  assertObjectSize,
  assertPartSize,
  assertSinglePutSize,
  assertSupported,
  S3AP_LIMITS,
  type S3ApLimitSet,
} from './limits';
import { type BucketTarget, bucketOf } from './list';

const MiB = 1024 * 1024;

export type PutBody = Buffer | Uint8Array | string | Readable | AsyncIterable<Uint8Array>;

export interface PutOptions {
  contentType?: string;
  /** Bodies larger than this go through a multipart upload (default 64 MiB). */
  multipartThreshold?: number;
  /** Multipart part size (default 16 MiB; at least 5 MiB, at most 5 GiB). */
  partSize?: number;
  /** Parts in flight at once (default 4). */
  queueSize?: number;
  /** Announced total size of a stream; lets limits be checked before anything is sent. */
  contentLength?: number;
  /** Called after each part (or the single PUT) with the bytes sent so far. */
  onProgress?: (bytesSent: number) => void;
  /** Limits to enforce (S3 access point limits by default). */
  limits?: S3ApLimitSet;
}

export interface PutResult {
  readonly bucket: string;
  readonly key: string;
  /** Without quotes. */
  readonly etag: string;
  readonly size: number;
  readonly parts: number;
}

async function* chunksOf(body: PutBody): AsyncGenerator<Buffer> {
  if (typeof body === 'string') yield Buffer.from(body, 'utf8');
  else if (body instanceof Uint8Array) yield Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  else for await (const chunk of body) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
}

/** Pulls exactly-sized blocks out of a chunk stream. */
class BlockReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private done = false;
  constructor(private readonly source: AsyncIterator<Buffer>) {}

  /** Up to `size` bytes; fewer only at the end of the stream. */
  async take(size: number): Promise<Buffer> {
    while (this.pendingBytes < size && !this.done) {
      const next = await this.source.next();
      if (next.done) this.done = true;
      else if (next.value.length > 0) {
        this.pending.push(next.value);
        this.pendingBytes += next.value.length;
      }
    }
    const all = Buffer.concat(this.pending, this.pendingBytes);
    const block = all.subarray(0, size);
    const rest = all.subarray(size);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
    return block;
  }

  get exhausted(): boolean {
    return this.done && this.pendingBytes === 0;
  }
}

const unquote = (etag: string | undefined) => (etag ?? '').replace(/^"|"$/g, '');

/**
 * Writes an object to a bucket (an access point alias/ARN, or a standard bucket name via `uploadObject`).
 * Up to `multipartThreshold` bytes it is one PutObject; above, a multipart upload with `partSize` parts that
 * is aborted on any failure. Limits are checked before the request that would break them is sent.
 */
export const uploadObject = async (
  client: S3Client,
  bucket: string,
  key: string,
  body: PutBody,
  options: PutOptions = {},
): Promise<PutResult> => {
  const limits = options.limits ?? S3AP_LIMITS;
  const threshold = options.multipartThreshold ?? 64 * MiB;
  const partSize = options.partSize ?? 16 * MiB;
  assertPartSize(partSize, limits);
  if (options.contentLength !== undefined) {
    assertObjectSize(options.contentLength, limits);
    if (options.contentLength <= threshold) assertSinglePutSize(options.contentLength, limits);
  }
  const reader = new BlockReader(chunksOf(body)[Symbol.asyncIterator]());
  const head = await reader.take(Math.min(threshold, limits.maxSinglePutBytes) + 1);
  if (head.length <= threshold && reader.exhausted) {
    assertSinglePutSize(head.length, limits);
    try {
      const out = await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: head, ContentType: options.contentType }),
      );
      options.onProgress?.(head.length);
      return { bucket, key, etag: unquote(out.ETag), size: head.length, parts: 1 };
    } catch (error) {
      throw toS3ApError(error, { operation: 'PutObject', bucket, key });
    }
  }
  return multipartUpload(client, bucket, key, head, reader, { ...options, partSize, limits });
};

const multipartUpload = async (
  client: S3Client,
  bucket: string,
  key: string,
  head: Buffer,
  reader: BlockReader,
  options: PutOptions & { partSize: number; limits: S3ApLimitSet },
): Promise<PutResult> => {
  let uploadId: string | undefined;
  try {
    const created = await client.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: options.contentType }),
    );
    uploadId = created.UploadId;
  } catch (error) {
    throw toS3ApError(error, { operation: 'CreateMultipartUpload', bucket, key });
  }
  const id = uploadId ?? '';
  const etags: string[] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let sent = 0;
  let total = 0;
  let leftover = head;
  const nextPart = async (): Promise<Buffer> => {
    if (leftover.length >= options.partSize || reader.exhausted) {
      const part = leftover.subarray(0, options.partSize);
      leftover = leftover.subarray(part.length);
      return part;
    }
    const more = await reader.take(options.partSize - leftover.length);
    const part = Buffer.concat([leftover, more]);
    leftover = Buffer.alloc(0);
    return part;
  };
  try {
    for (let partNumber = 1; ; partNumber++) {
      const part = await nextPart();
      if (part.length === 0) break;
      if (partNumber > options.limits.maxParts) {
        throw new S3ApLimitError(`More than ${options.limits.maxParts} parts; raise partSize.`);
      }
      total += part.length;
      assertObjectSize(total, options.limits);
      const upload = client
        .send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: id, PartNumber: partNumber, Body: part }))
        .then((out) => {
          etags[partNumber - 1] = out.ETag ?? '';
          sent += part.length;
          options.onProgress?.(sent);
        })
        .catch((error: unknown) => {
          failure ??= toS3ApError(error, { operation: 'UploadPart', bucket, key });
        });
      inFlight.add(upload);
      void upload.finally(() => inFlight.delete(upload));
      if (inFlight.size >= (options.queueSize ?? 4)) await Promise.race(inFlight);
      if (failure) throw failure;
      if (leftover.length === 0 && reader.exhausted) break;
    }
    await Promise.all(inFlight);
    if (failure) throw failure;
    const done = await client
      .send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: key,
          UploadId: id,
          MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
        }),
      )
      .catch((error: unknown) => {
        throw toS3ApError(error, { operation: 'CompleteMultipartUpload', bucket, key });
      });
    return { bucket, key, etag: unquote(done.ETag), size: total, parts: etags.length };
  } catch (error) {
    await Promise.allSettled(inFlight);
    await client
      .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: id }))
      .catch(() => undefined);
    throw error;
  }
};

/** `uploadObject` to an S3 access point, with the operation checked against what access points support. */
export const putObject = (
  client: S3Client,
  ap: BucketTarget,
  key: string,
  body: PutBody,
  options: PutOptions = {},
): Promise<PutResult> => {
  assertSupported('PutObject');
  return uploadObject(client, bucketOf(ap), key, body, options);
};
