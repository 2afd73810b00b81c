import type { IncomingMessage } from 'node:http';
import { header } from './http-util';
import { notImplemented, S3ApEmulatorError } from './s3-error';

/** Sub-resources (query parameters) of features FSx S3 access points do not have. */
const REFUSED_SUBRESOURCES: Readonly<Record<string, string>> = {
  accelerate: 'Transfer acceleration',
  acl: 'Access control lists (GetObjectAcl/PutObjectAcl/GetBucketAcl)',
  analytics: 'Analytics configuration',
  cors: 'CORS configuration (GetBucketCors)',
  encryption: 'Bucket encryption configuration',
  'intelligent-tiering': 'Intelligent-Tiering',
  inventory: 'Inventory configuration',
  'legal-hold': 'Object Lock legal hold (GetObjectLegalHold/PutObjectLegalHold)',
  lifecycle: 'Lifecycle configuration',
  logging: 'Server access logging',
  metrics: 'Metrics configuration',
  notification: 'Event notifications (GetBucketNotificationConfiguration)',
  'object-lock': 'Object Lock',
  ownershipControls: 'Object ownership controls',
  policy: 'Bucket policies (GetBucketPolicy)',
  policyStatus: 'Bucket policy status',
  publicAccessBlock: 'Public access block configuration',
  replication: 'Replication',
  requestPayment: 'Requester Pays',
  restore: 'RestoreObject',
  retention: 'Object Lock retention (GetObjectRetention/PutObjectRetention)',
  select: 'SelectObjectContent',
  torrent: 'BitTorrent',
  versioning: 'Versioning',
  versions: 'ListObjectVersions',
  website: 'Static website hosting',
};

const WRITE_HEADER_FEATURES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^if-(none-)?match$/, 'Conditional writes (If-Match / If-None-Match)'],
  [/^x-amz-acl$|^x-amz-grant-/, 'Access control lists'],
  [/^x-amz-object-lock-/, 'Object Lock'],
  [/^x-amz-website-redirect-location$/, 'Static website hosting'],
  [/^x-amz-server-side-encryption/, 'Choosing server-side encryption (FSx S3 access points always use SSE-FSX)'],
];

const ANY_HEADER_FEATURES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^x-amz-request-payer$/, 'Requester Pays'],
  [/^x-amz-server-side-encryption-customer-/, 'Server-side encryption with customer keys (SSE-C)'],
];

const WRITES = new Set([
  'PutObject',
  'CopyObject',
  'CreateMultipartUpload',
  'CompleteMultipartUpload',
  'UploadPart',
  'UploadPartCopy',
]);

/** Refuses sub-resources that FSx S3 access points lack, before anything else happens. */
export const refuseUnsupportedSubresource = (query: URLSearchParams): void => {
  for (const name of query.keys()) {
    const feature = REFUSED_SUBRESOURCES[name];
    if (feature) throw notImplemented(feature);
  }
  const versionId = query.get('versionId');
  if (versionId !== null && versionId !== 'null') throw notImplemented('Versioning (versionId)');
};

/** Refuses headers that ask a write (or any request) for a feature FSx S3 access points lack. */
export const refuseUnsupportedHeaders = (req: IncomingMessage, operation: string): void => {
  const names = Object.keys(req.headers);
  const rules = WRITES.has(operation) ? [...WRITE_HEADER_FEATURES, ...ANY_HEADER_FEATURES] : ANY_HEADER_FEATURES;
  for (const name of names) {
    for (const [pattern, feature] of rules) {
      if (pattern.test(name)) throw notImplemented(feature);
    }
  }
  const storageClass = header(req, 'x-amz-storage-class');
  if (storageClass !== undefined && storageClass !== 'FSX_ONTAP') {
    throw new S3ApEmulatorError(
      'InvalidStorageClass',
      'The storage class you specified is not valid; FSx S3 access points store FSX_ONTAP only.',
    );
  }
};
