import { S3ApLimitError, S3ApUnsupportedOperationError } from './errors';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** FSx for ONTAP S3 access point limits (project-measured: 5 GiB per PUT/part; 50 GiB per object at completion). */
export const S3AP_LIMITS = {
  maxSinglePutBytes: 5 * GiB,
  maxPartBytes: 5 * GiB,
  minPartBytes: 5 * MiB,
  maxObjectBytes: 50 * GiB,
  maxParts: 10_000,
} as const;

export type S3ApLimitSet = { readonly [K in keyof typeof S3AP_LIMITS]: number };

/** Operations FSx S3 access points support (AWS compatibility table). */
export const SUPPORTED_OPERATIONS = [
  'AbortMultipartUpload',
  'CompleteMultipartUpload',
  'CopyObject',
  'CreateMultipartUpload',
  'DeleteObject',
  'DeleteObjects',
  'DeleteObjectTagging',
  'GetBucketLocation',
  'GetObject',
  'GetObjectAttributes',
  'GetObjectTagging',
  'HeadBucket',
  'HeadObject',
  'ListMultipartUploads',
  'ListObjects',
  'ListObjectsV2',
  'ListParts',
  'PutObject',
  'PutObjectTagging',
  'UploadPart',
  'UploadPartCopy',
] as const;

/** Operations FSx S3 access points do not support; `assertSupported` names them in its error. */
export const UNSUPPORTED_OPERATIONS = [
  'GetBucketAcl',
  'GetBucketCors',
  'GetBucketNotificationConfiguration',
  'GetBucketPolicy',
  'GetBucketVersioning',
  'GetObjectAcl',
  'GetObjectLegalHold',
  'GetObjectRetention',
  'ListObjectVersions',
  'Presign',
  'PutBucketLifecycleConfiguration',
  'PutBucketNotificationConfiguration',
  'PutBucketVersioning',
  'PutObjectAcl',
  'PutObjectLegalHold',
  'PutObjectLockConfiguration',
  'PutObjectRetention',
  'RestoreObject',
  'ConditionalWrite',
] as const;

export type SupportedOperation = (typeof SUPPORTED_OPERATIONS)[number];
export type UnsupportedOperation = (typeof UNSUPPORTED_OPERATIONS)[number];

/** Throws S3ApUnsupportedOperationError unless the operation exists on FSx S3 access points. */
export function assertSupported(operation: string): asserts operation is SupportedOperation {
  if (!(SUPPORTED_OPERATIONS as readonly string[]).includes(operation)) {
    throw new S3ApUnsupportedOperationError(operation);
  }
}

const gib = (bytes: number) => `${(bytes / GiB).toFixed(2)} GiB`;

export const assertSinglePutSize = (bytes: number, limits: S3ApLimitSet = S3AP_LIMITS): void => {
  if (bytes > limits.maxSinglePutBytes) {
    throw new S3ApLimitError(
      `A single PutObject of ${bytes} bytes (${gib(bytes)}) exceeds the S3 access point limit of ${limits.maxSinglePutBytes} bytes; use a multipart upload.`,
      { code: 'EntityTooLarge' },
    );
  }
};

export const assertPartSize = (partBytes: number, limits: S3ApLimitSet = S3AP_LIMITS): void => {
  if (partBytes > limits.maxPartBytes) {
    throw new S3ApLimitError(
      `A part of ${partBytes} bytes exceeds the S3 access point limit of ${limits.maxPartBytes} bytes per UploadPart.`,
      {
        code: 'EntityTooLarge',
      },
    );
  }
  if (partBytes < limits.minPartBytes) {
    throw new S3ApLimitError(
      `Parts must be at least ${limits.minPartBytes} bytes (except the last); got ${partBytes}.`,
      {
        code: 'EntityTooSmall',
      },
    );
  }
};

export const assertObjectSize = (bytes: number, limits: S3ApLimitSet = S3AP_LIMITS): void => {
  if (bytes > limits.maxObjectBytes) {
    throw new S3ApLimitError(
      `An object of ${bytes} bytes (${gib(bytes)}) exceeds the S3 access point limit of ${limits.maxObjectBytes} bytes (${gib(limits.maxObjectBytes)}).`,
      { code: 'EntityTooLarge' },
    );
  }
};
