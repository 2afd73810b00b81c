import { createHash } from 'node:crypto';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { canonicalJson } from './canonical-json';
import { LineageExportError } from './errors';
import type { ChainItem } from './hash-chain';
import type { RetentionProfile } from './retention';
import { retainUntil } from './retention';
import { chainItems, type LineageDeps } from './store';

export interface ExportTarget {
  readonly s3: S3Client;
  readonly bucket: string;
  /** Prepended to `lineage/year=…`; a trailing slash is added when missing. */
  readonly prefix?: string;
  /** First sequence to export (for incremental daily exports); 1 by default. */
  readonly fromSequence?: number;
  /** Object Lock retention of the export; the reference keeps lineage 7 years. */
  readonly retentionProfile?: RetentionProfile;
  readonly retentionDays?: number;
}

export interface ExportResult {
  readonly key: string;
  readonly records: number;
  readonly firstSequence?: number;
  readonly lastSequence?: number;
  readonly retainUntil: Date;
  /** Base64 SHA-256 of the object body, as sent in `x-amz-checksum-sha256`. */
  readonly checksumSha256: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `lineage/year=YYYY/month=MM/day=DD/export-<YYYYMMDDTHHMMSSmmmZ>.jsonl` (UTC), under an optional prefix. */
export const exportKey = (at: Date, prefix = ''): string => {
  const normalized = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
  const stamp = at.toISOString().replace(/[-:.]/g, '');
  return `${normalized}lineage/year=${at.getUTCFullYear()}/month=${pad(at.getUTCMonth() + 1)}/day=${pad(at.getUTCDate())}/export-${stamp}.jsonl`;
};

/** One canonical-JSON line per stored item, so each line re-hashes to its `record_hash` offline. */
export const toNdjson = (items: readonly ChainItem[]): string =>
  items.map((item) => `${canonicalJson(item)}\n`).join('');

/** Parses an export back into items for `verify`. */
export const parseNdjson = (text: string): ChainItem[] =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      try {
        return JSON.parse(line) as ChainItem;
      } catch (error) {
        throw new LineageExportError(`export line ${index + 1} is not JSON`, { cause: error });
      }
    });

/**
 * Writes a chain as NDJSON to a bucket with Object Lock in COMPLIANCE mode: nobody, root included, can
 * delete or overwrite it before `retainUntil`. `If-None-Match: *` refuses to replace an existing key.
 */
export const exportChain = async (deps: LineageDeps, ucId: string, target: ExportTarget): Promise<ExportResult> => {
  const now = (deps.now ?? (() => new Date()))();
  const items: ChainItem[] = [];
  for await (const item of chainItems(deps, ucId, { fromSequence: target.fromSequence ?? 1 })) items.push(item);
  const body = toNdjson(items);
  const checksumSha256 = createHash('sha256').update(body, 'utf8').digest('base64');
  const until = retainUntil(target.retentionProfile ?? 'compliance-7y', now, target.retentionDays);
  const key = exportKey(now, target.prefix);
  const first = items[0]?.sequence;
  const last = items.at(-1)?.sequence;
  try {
    await target.s3.send(
      new PutObjectCommand({
        Bucket: target.bucket,
        Key: key,
        Body: body,
        ContentType: 'application/x-ndjson',
        ChecksumAlgorithm: 'SHA256',
        ChecksumSHA256: checksumSha256,
        ObjectLockMode: 'COMPLIANCE',
        ObjectLockRetainUntilDate: until,
        IfNoneMatch: '*',
        Metadata: {
          'uc-id': ucId,
          'record-count': String(items.length),
          ...(typeof first === 'number' ? { 'first-sequence': String(first) } : {}),
          ...(typeof last === 'number' ? { 'last-sequence': String(last) } : {}),
        },
      }),
    );
  } catch (error) {
    throw new LineageExportError(`export of chain ${ucId} to ${key} failed`, { cause: error, transient: true });
  }
  return {
    key,
    records: items.length,
    ...(typeof first === 'number' ? { firstSequence: first } : {}),
    ...(typeof last === 'number' ? { lastSequence: last } : {}),
    retainUntil: until,
    checksumSha256,
  };
};

export interface ExportBucketCfnOptions {
  readonly bucketName?: unknown;
  /** Default retention applied to every object version; 7 years as the reference. */
  readonly retentionYears?: number;
}

/**
 * Properties of the `AWS::S3::Bucket` receiving exports: Object Lock (needs versioning) with a
 * COMPLIANCE default retention, all public access blocked, KMS encryption, owner-enforced ACLs.
 */
export const lineageExportBucketCfn = (options: ExportBucketCfnOptions = {}) => ({
  ...(options.bucketName === undefined ? {} : { BucketName: options.bucketName }),
  ObjectLockEnabled: true,
  ObjectLockConfiguration: {
    ObjectLockEnabled: 'Enabled',
    Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: options.retentionYears ?? 7 } },
  },
  VersioningConfiguration: { Status: 'Enabled' },
  PublicAccessBlockConfiguration: {
    BlockPublicAcls: true,
    BlockPublicPolicy: true,
    IgnorePublicAcls: true,
    RestrictPublicBuckets: true,
  },
  BucketEncryption: {
    ServerSideEncryptionConfiguration: [
      { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true },
    ],
  },
  OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
});
