import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

export interface S3ApClientOptions {
  /** Custom endpoint (the local emulator); omit for AWS. */
  endpoint?: string;
  /** Needed with a custom endpoint that serves path-style URLs (the local emulator). */
  forcePathStyle?: boolean;
  region?: string;
  credentials?: S3ClientConfig['credentials'];
  /** Total attempts per request including retries (SDK default 3). */
  maxAttempts?: number;
}

/**
 * Builds an S3 client for access point traffic. Configuration comes only from the caller (no environment
 * reads here); SDK defaults are kept (request checksums, response validation, TLS verification).
 * Build one per cold start and pass it in.
 */
export const createS3ApClient = (options: S3ApClientOptions = {}): S3Client =>
  new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle,
    credentials: options.credentials,
    maxAttempts: options.maxAttempts,
  });

/**
 * Keeps one client per distinct configuration, so code that asks for "the client for this endpoint" many
 * times reuses connections instead of building a client per request.
 */
export class S3ApClientPool {
  private readonly clients = new Map<string, S3Client>();

  get(options: Omit<S3ApClientOptions, 'credentials'> = {}): S3Client {
    const id = JSON.stringify([options.endpoint, options.forcePathStyle, options.region, options.maxAttempts]);
    let client = this.clients.get(id);
    if (!client) {
      client = createS3ApClient(options);
      this.clients.set(id, client);
    }
    return client;
  }

  destroyAll(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}
