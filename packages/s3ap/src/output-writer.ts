import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { type AccessPointRef, parseAccessPoint } from './access-point';
import { S3ApInvalidInputError } from './errors';
import { normaliseKey } from './keys';
import { assertSupported, S3AP_LIMITS, type S3ApLimitSet } from './limits';
import { getBytes, readStream } from './read';
import { type PutBody, type PutOptions, uploadObject } from './write';

/** Where outputs go: back onto the volume through an access point, or into a standard S3 bucket. */
export type OutputTarget =
  | { readonly kind: 'access-point'; readonly ap: AccessPointRef | string; readonly prefix: string }
  | { readonly kind: 's3-bucket'; readonly bucket: string; readonly prefix: string };

export interface WriteResult {
  readonly destination: OutputTarget['kind'];
  readonly bucket: string;
  readonly key: string;
  /** Without quotes. */
  readonly etag: string;
  readonly size: number;
}

const TiB = 1024 ** 4;
/** Standard S3: 5 GiB per PUT/part, 5 TiB per object. */
const STANDARD_S3_LIMITS: S3ApLimitSet = { ...S3AP_LIMITS, maxObjectBytes: 5 * TiB };

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** JSON with non-ASCII kept as is; BigInt and other non-JSON values are written as strings. */
const toJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);

/**
 * Writes a step's outputs under a prefix, to an access point or a standard bucket. Keys are normalised
 * (prefix + key, no leading `/`, no `.`/`..`), so an item's name can never place output outside the prefix.
 */
export class OutputWriter {
  private readonly bucket: string;
  private readonly limits: S3ApLimitSet;

  constructor(
    private readonly client: S3Client,
    readonly target: OutputTarget,
    private readonly defaults: Pick<PutOptions, 'multipartThreshold' | 'partSize' | 'queueSize'> = {},
  ) {
    if (target.kind === 'access-point') {
      this.bucket = typeof target.ap === 'string' ? parseAccessPoint(target.ap).bucket : target.ap.bucket;
      this.limits = S3AP_LIMITS;
    } else {
      if (!BUCKET_NAME.test(target.bucket))
        throw new S3ApInvalidInputError(`Invalid S3 bucket name "${target.bucket}".`);
      this.bucket = target.bucket;
      this.limits = STANDARD_S3_LIMITS;
    }
  }

  /** The object key an output name maps to. */
  keyFor(name: string): string {
    return normaliseKey(this.target.prefix, name);
  }

  /** `s3://bucket/key` for logs and reports. */
  uri(name: string): string {
    return `s3://${this.bucket}/${this.keyFor(name)}`;
  }

  describe(): string {
    return `${this.target.kind === 'access-point' ? 'S3 access point' : 'S3 bucket'} ${this.bucket}/${this.target.prefix}`;
  }

  putJson(name: string, value: unknown): Promise<WriteResult> {
    return this.putBytes(name, Buffer.from(toJson(value), 'utf8'), 'application/json; charset=utf-8');
  }

  putText(name: string, text: string, contentType = 'text/plain; charset=utf-8'): Promise<WriteResult> {
    return this.putBytes(name, Buffer.from(text, 'utf8'), contentType);
  }

  putBytes(name: string, bytes: Uint8Array, contentType = 'application/octet-stream'): Promise<WriteResult> {
    return this.write(name, bytes, { contentType, contentLength: bytes.byteLength });
  }

  /** Streams a body; multipart above the threshold. `sizeHint` lets limits be checked before sending. */
  putStream(
    name: string,
    body: Readable | AsyncIterable<Uint8Array>,
    options: { contentType?: string; sizeHint?: number; onProgress?: (bytes: number) => void } = {},
  ): Promise<WriteResult> {
    return this.write(name, body, {
      contentType: options.contentType ?? 'application/octet-stream',
      contentLength: options.sizeHint,
      onProgress: options.onProgress,
    });
  }

  getBytes(name: string, maxBytes?: number): Promise<Buffer> {
    this.assertOperation('GetObject');
    return getBytes(this.client, { bucket: this.bucket }, this.keyFor(name), {
      maxBytes,
    });
  }

  async getText(name: string, maxBytes?: number): Promise<string> {
    return (await this.getBytes(name, maxBytes)).toString('utf8');
  }

  async getJson<T = unknown>(name: string, maxBytes?: number): Promise<T> {
    return JSON.parse(await this.getText(name, maxBytes)) as T;
  }

  getStream<T>(name: string, consume: (body: Readable) => Promise<T>): Promise<T> {
    this.assertOperation('GetObject');
    return readStream(this.client, { bucket: this.bucket }, this.keyFor(name), consume);
  }

  private assertOperation(operation: string): void {
    if (this.target.kind === 'access-point') assertSupported(operation);
  }

  private async write(name: string, body: PutBody, options: PutOptions): Promise<WriteResult> {
    const key = this.keyFor(name);
    this.assertOperation('PutObject');
    const result = await uploadObject(this.client, this.bucket, key, body, {
      ...this.defaults,
      ...options,
      limits: this.limits,
    });
    return { destination: this.target.kind, bucket: this.bucket, key, etag: result.etag, size: result.size };
  }
}
