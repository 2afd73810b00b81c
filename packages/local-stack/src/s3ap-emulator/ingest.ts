import { createHash, type Hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Transform, type TransformCallback, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AwsChunkedDecoder } from './aws-chunked';
import {
  CHECKSUM_ALGORITHMS,
  type ChecksumAlgorithm,
  checksumHeader,
  createDigest,
  type Digest,
  isChecksumAlgorithm,
} from './checksums';
import { header } from './http-util';
import { S3ApEmulatorError } from './s3-error';

export interface IngestResult {
  readonly size: number;
  readonly md5Hex: string;
  /** The flexible checksum the client asked for (verified when it sent a value). */
  readonly checksum?: { readonly algorithm: ChecksumAlgorithm; readonly value: string };
}

const parseLength = (value: string | undefined, name: string): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new S3ApEmulatorError('InvalidArgument', `Invalid ${name} header.`);
  return Number(value);
};

/** True when the body uses the aws-chunked content encoding (streamed SDK uploads). */
export const isAwsChunked = (req: IncomingMessage): boolean =>
  (header(req, 'content-encoding') ?? '').split(',').some((v) => v.trim() === 'aws-chunked') ||
  (header(req, 'x-amz-content-sha256') ?? '').startsWith('STREAMING-');

/** The payload size the client announced (decoded size for aws-chunked), if any. */
export const declaredSize = (req: IncomingMessage): number | undefined =>
  isAwsChunked(req)
    ? parseLength(header(req, 'x-amz-decoded-content-length'), 'x-amz-decoded-content-length')
    : parseLength(header(req, 'content-length'), 'Content-Length');

export const entityTooLarge = (proposed: number, max: number): S3ApEmulatorError =>
  new S3ApEmulatorError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
    ProposedSize: String(proposed),
    MaxSizeAllowed: String(max),
  });

/** Which checksum algorithm the request carries, and the value to check if it came as a header. */
const requestedChecksum = (
  req: IncomingMessage,
): { algorithm: ChecksumAlgorithm; headerValue?: string; trailer: boolean } | undefined => {
  for (const name of Object.keys(req.headers)) {
    if (
      name.startsWith('x-amz-checksum-') &&
      name !== 'x-amz-checksum-algorithm' &&
      name !== 'x-amz-checksum-type' &&
      name !== 'x-amz-checksum-mode'
    ) {
      const algorithm = name.slice('x-amz-checksum-'.length).toUpperCase();
      if (!isChecksumAlgorithm(algorithm)) throw unsupportedAlgorithm(algorithm);
      return { algorithm, headerValue: header(req, name), trailer: false };
    }
  }
  const trailer = header(req, 'x-amz-trailer');
  if (trailer) {
    const name = trailer.trim().toLowerCase();
    const algorithm = name.replace(/^x-amz-checksum-/, '').toUpperCase();
    if (!name.startsWith('x-amz-checksum-') || !isChecksumAlgorithm(algorithm)) throw unsupportedAlgorithm(algorithm);
    return { algorithm, trailer: true };
  }
  const announced = (
    header(req, 'x-amz-sdk-checksum-algorithm') ?? header(req, 'x-amz-checksum-algorithm')
  )?.toUpperCase();
  if (announced) {
    if (!isChecksumAlgorithm(announced)) throw unsupportedAlgorithm(announced);
    return { algorithm: announced, trailer: false };
  }
  return undefined;
};

const unsupportedAlgorithm = (algorithm: string): S3ApEmulatorError =>
  new S3ApEmulatorError(
    'InvalidRequest',
    `Checksum algorithm ${algorithm} is not verified by the S3AP emulator; use one of ${CHECKSUM_ALGORITHMS.join(', ')}.`,
  );

/** Counts, hashes and size-limits the decoded payload on its way to the sink. */
class Meter extends Transform {
  size = 0;
  readonly md5 = createHash('md5');
  constructor(
    private readonly maxBytes: number,
    readonly digest: Digest | undefined,
    readonly sha256: Hash | undefined,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      callback(entityTooLarge(this.size, this.maxBytes));
      return;
    }
    this.md5.update(chunk);
    this.digest?.update(chunk);
    this.sha256?.update(chunk);
    callback(null, chunk);
  }
}

/**
 * Receives a request body into `sink`: decodes aws-chunked framing, enforces `maxBytes` (before reading when
 * the size is announced), and verifies every integrity value the client sent — flexible checksum header or
 * trailer, Content-MD5, and a hex x-amz-content-sha256.
 */
export const ingestBody = async (req: IncomingMessage, sink: Writable, maxBytes: number): Promise<IngestResult> => {
  const chunked = isAwsChunked(req);
  const announced = declaredSize(req);
  if (announced !== undefined && announced > maxBytes) throw entityTooLarge(announced, maxBytes);
  const requested = requestedChecksum(req);
  const contentSha = header(req, 'x-amz-content-sha256');
  const verifySha = contentSha !== undefined && /^[0-9a-f]{64}$/.test(contentSha) && !chunked;
  const meter = new Meter(
    maxBytes,
    requested ? createDigest(requested.algorithm) : undefined,
    verifySha ? createHash('sha256') : undefined,
  );
  const decoder = chunked ? new AwsChunkedDecoder() : undefined;
  if (decoder) await pipeline(req, decoder, meter, sink);
  else await pipeline(req, meter, sink);

  if (announced !== undefined && meter.size !== announced) {
    throw new S3ApEmulatorError(
      'IncompleteBody',
      'You did not provide the number of bytes specified by the Content-Length HTTP header.',
    );
  }
  const md5 = meter.md5.digest();
  const contentMd5 = header(req, 'content-md5');
  if (contentMd5 !== undefined) {
    if (Buffer.from(contentMd5, 'base64').length !== 16) {
      throw new S3ApEmulatorError('InvalidDigest', 'The Content-MD5 you specified was invalid.');
    }
    if (contentMd5 !== md5.toString('base64')) {
      throw new S3ApEmulatorError('BadDigest', 'The Content-MD5 you specified did not match what we received.');
    }
  }
  if (verifySha && meter.sha256?.digest('hex') !== contentSha) {
    throw new S3ApEmulatorError(
      'XAmzContentSHA256Mismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }
  let checksum: IngestResult['checksum'];
  if (requested && meter.digest) {
    const value = meter.digest.base64();
    const expected = requested.trailer
      ? decoder?.trailers.get(checksumHeader(requested.algorithm))
      : requested.headerValue;
    if (requested.trailer && expected === undefined) {
      throw new S3ApEmulatorError('InvalidRequest', `The ${checksumHeader(requested.algorithm)} trailer is missing.`);
    }
    if (expected !== undefined && expected !== value) {
      throw new S3ApEmulatorError(
        'BadDigest',
        `The ${requested.algorithm} you specified did not match the calculated checksum.`,
      );
    }
    checksum = { algorithm: requested.algorithm, value };
  }
  return { size: meter.size, md5Hex: md5.toString('hex'), checksum };
};

/** A sink that keeps small bodies (XML requests) in memory. */
export class MemorySink extends Writable {
  private readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(chunk);
    callback();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** Reads a small XML request body, verifying its checksums. */
export const readSmallBody = async (req: IncomingMessage, maxBytes = 1024 * 1024): Promise<string> => {
  const sink = new MemorySink();
  await ingestBody(req, sink, maxBytes);
  return sink.text();
};
