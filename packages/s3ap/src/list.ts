import { ListObjectsV2Command, type ListObjectsV2CommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { type AccessPointRef, parseAccessPoint } from './access-point';
import { toS3ApError } from './errors';

/** One listed object, as Discovery writes it into a manifest. */
export interface ListedObject {
  readonly key: string;
  readonly size: number;
  /** ISO 8601. */
  readonly lastModified: string;
  /** Without the surrounding quotes. */
  readonly etag: string;
}

export interface ListObjectsOptions {
  prefix?: string;
  /** Keep keys ending in any of these (e.g. ['.pdf', '.tif']); all keys when empty or omitted. */
  suffixes?: readonly string[];
  caseInsensitive?: boolean;
  /** Page size of each ListObjectsV2 request (1-1000, default 1000). */
  maxKeys?: number;
  /** Stop after this many matching objects. */
  limit?: number;
}

/** Anything that names what to pass as `Bucket`: an alias/ARN string (validated) or a parsed reference. */
export type BucketTarget = AccessPointRef | { readonly bucket: string } | string;

/** The bucket value of an access point reference (alias or ARN string, or a parsed reference). */
export const bucketOf = (ap: BucketTarget): string => (typeof ap === 'string' ? parseAccessPoint(ap) : ap).bucket;

/** Builds the suffix test once: one listing then serves every suffix. */
export const suffixMatcher = (
  suffixes: readonly string[] = [],
  caseInsensitive = false,
): ((key: string) => boolean) => {
  if (suffixes.length === 0) return () => true;
  const wanted = caseInsensitive ? suffixes.map((s) => s.toLowerCase()) : [...suffixes];
  return (key) => {
    const candidate = caseInsensitive ? key.toLowerCase() : key;
    return wanted.some((suffix) => candidate.endsWith(suffix));
  };
};

/**
 * Lists an access point with ListObjectsV2, following continuation tokens, in ONE pass for all suffixes
 * (the reference project listed once per suffix). Directory markers (`…/`) are skipped.
 */
export async function* listObjects(
  client: S3Client,
  ap: BucketTarget,
  options: ListObjectsOptions = {},
): AsyncGenerator<ListedObject> {
  const bucket = bucketOf(ap);
  const matches = suffixMatcher(options.suffixes, options.caseInsensitive);
  const pageSize = Math.max(1, Math.min(options.maxKeys ?? 1000, 1000));
  let token: string | undefined;
  let yielded = 0;
  do {
    let page: ListObjectsV2CommandOutput;
    try {
      page = await client.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: options.prefix || undefined,
          MaxKeys: pageSize,
          ContinuationToken: token,
        }),
      );
    } catch (error) {
      throw toS3ApError(error, { operation: 'ListObjectsV2', bucket, key: options.prefix });
    }
    for (const object of page.Contents ?? []) {
      const key = object.Key;
      if (key === undefined || key.endsWith('/') || !matches(key)) continue;
      yield {
        key,
        size: object.Size ?? 0,
        lastModified: (object.LastModified ?? new Date(0)).toISOString(),
        etag: (object.ETag ?? '').replace(/^"|"$/g, ''),
      };
      yielded++;
      if (options.limit !== undefined && yielded >= options.limit) return;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

/** Drains an async iterable into an array. */
export const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};
