import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { getRange, type ListedObject, listObjects, type OutputWriter, S3ApError } from '@fsxn/s3ap';
import { detectType, HEADER_BYTES } from '../domain/detect-type';

export type ProcessMode = 'count' | 'manifest' | 'metadata';

export interface FileMetadata {
  readonly key: string;
  readonly size: number;
  readonly lastModified: string;
  readonly etag: string;
  /** metadata mode: SHA-256 of the first HEADER_BYTES bytes and the type they announce. */
  readonly headerSha256?: string;
  readonly type?: string;
  /** metadata mode: why the header could not be read (the file is still counted). */
  readonly error?: string;
}

export interface ProcessOptions {
  readonly s3: S3Client;
  readonly accessPoint: string;
  readonly prefix: string;
  readonly mode: ProcessMode;
  /** Keys under these prefixes are earlier outputs copied into the clone, not input. */
  readonly excludePrefixes: readonly string[];
  readonly writer: OutputWriter;
  readonly manifestName: string;
  /** Header reads in flight at once. */
  readonly concurrency: number;
}

export interface ProcessResult {
  readonly mode: ProcessMode;
  readonly accessPoint: string;
  readonly prefix: string;
  readonly files: number;
  readonly bytes: number;
  /** Object key of the manifest (manifest and metadata modes). */
  readonly manifestKey: string | null;
  /** metadata mode: files per detected type. */
  readonly types: Readonly<Record<string, number>>;
  /** metadata mode: files whose header could not be read. */
  readonly unreadable: number;
  /** Bytes fetched by header Range reads (metadata mode). */
  readonly bytesRead: number;
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the input order in the output. */
const mapBounded = async <T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> => {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await work(items[index] as T);
    }
  });
  await Promise.all(lanes);
  return out;
};

const describeHeader = async (options: ProcessOptions, obj: ListedObject): Promise<FileMetadata> => {
  const base = { key: obj.key, size: obj.size, lastModified: obj.lastModified, etag: obj.etag };
  if (obj.size === 0)
    return { ...base, headerSha256: createHash('sha256').digest('hex'), type: detectType(new Uint8Array()) };
  try {
    const header = await getRange(options.s3, options.accessPoint, obj.key, 0, Math.min(obj.size, HEADER_BYTES) - 1);
    return { ...base, headerSha256: createHash('sha256').update(header).digest('hex'), type: detectType(header) };
  } catch (error) {
    // A throttled or unavailable access point fails the step (retried); one unreadable file does not.
    if (error instanceof S3ApError && error.transient) throw error;
    return { ...base, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
};

/**
 * Reads the clone through its S3 access point: counts files and bytes; in `manifest` mode writes the
 * object list; in `metadata` mode also reads each file's first bytes (one Range GET) for a digest and type.
 */
export const processFiles = async (options: ProcessOptions): Promise<ProcessResult> => {
  const listed: ListedObject[] = [];
  let files = 0;
  let bytes = 0;
  for await (const obj of listObjects(options.s3, options.accessPoint, { prefix: options.prefix })) {
    if (options.excludePrefixes.some((p) => obj.key.startsWith(p))) continue;
    files++;
    bytes += obj.size;
    if (options.mode !== 'count') listed.push(obj);
  }
  const base = { mode: options.mode, accessPoint: options.accessPoint, prefix: options.prefix, files, bytes };
  if (options.mode === 'count') return { ...base, manifestKey: null, types: {}, unreadable: 0, bytesRead: 0 };

  const entries: FileMetadata[] =
    options.mode === 'metadata'
      ? await mapBounded(listed, options.concurrency, (obj) => describeHeader(options, obj))
      : listed.map((o) => ({ key: o.key, size: o.size, lastModified: o.lastModified, etag: o.etag }));
  const types: Record<string, number> = {};
  for (const e of entries) if (e.type !== undefined) types[e.type] = (types[e.type] ?? 0) + 1;
  const unreadable = entries.filter((e) => e.error !== undefined).length;
  const bytesRead =
    options.mode === 'metadata'
      ? entries.filter((e) => e.error === undefined).reduce((sum, e) => sum + Math.min(e.size, HEADER_BYTES), 0)
      : 0;
  const written = await options.writer.putJson(options.manifestName, {
    accessPoint: options.accessPoint,
    prefix: options.prefix,
    mode: options.mode,
    files,
    bytes,
    objects: entries,
  });
  return { ...base, manifestKey: written.key, types, unreadable, bytesRead };
};
