/** Base error of @fsxn/s3ap. `transient` is true for faults worth retrying (5xx, throttling, network). */
export class S3ApError extends Error {
  override readonly name: string = 'S3ApError';
  readonly transient: boolean;
  /** The S3 error code (e.g. `NoSuchKey`) when the error came from the service. */
  readonly code?: string;
  readonly httpStatus?: number;

  constructor(
    message: string,
    options: { transient?: boolean; code?: string; httpStatus?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.transient = options.transient ?? false;
    this.code = options.code;
    this.httpStatus = options.httpStatus;
  }
}

/** The key (or upload) does not exist. */
export class S3ApNotFoundError extends S3ApError {
  override readonly name = 'S3ApNotFoundError';
}

/**
 * Denied. On an FSx S3 access point a request passes two checks, and both answer a plain AccessDenied:
 * the S3/IAM layer (identity policy, access point policy, VPC endpoint policy, SCPs) and then the
 * file-system layer (the access point's UNIX/Windows identity against mode bits or NTFS ACLs).
 */
export class S3ApAccessDeniedError extends S3ApError {
  override readonly name = 'S3ApAccessDeniedError';
  static readonly HINT =
    'Check both layers: (1) IAM identity policy, access point policy and VPC endpoint policy allow the action on ' +
    'arn:aws:s3:<region>:<account>:accesspoint/<name>[/object/*]; (2) the access point file-system identity ' +
    '(UNIX user or Windows user) has permission on the path in ONTAP (mode bits / NTFS ACL).';
}

/** A request would exceed an S3 access point limit (5 GiB per PUT/part, 50 GiB per object, 10,000 parts). */
export class S3ApLimitError extends S3ApError {
  override readonly name = 'S3ApLimitError';
}

/** The operation is not available on FSx S3 access points (versioning, ACLs, Object Lock, presign, ...). */
export class S3ApUnsupportedOperationError extends S3ApError {
  override readonly name = 'S3ApUnsupportedOperationError';
  constructor(
    readonly operation: string,
    message = `${operation} is not supported by Amazon FSx for NetApp ONTAP S3 access points.`,
    options: { cause?: unknown; code?: string; httpStatus?: number } = {},
  ) {
    super(message, { ...options, transient: false });
  }
}

/** Bad input: an access point reference, key or option that cannot be used. */
export class S3ApInvalidInputError extends S3ApError {
  override readonly name = 'S3ApInvalidInputError';
}

const TRANSIENT_CODES = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'RequestTimeout',
  'RequestTimeTooSkewed',
  'InternalError',
  'ServiceUnavailable',
  'TooManyRequestsException',
]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
]);

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $fault?: string;
}

/**
 * Maps an SDK or network error to the S3ApError family, naming what was attempted. Messages carry the
 * operation, bucket and key only (never credentials or signed URLs).
 */
export const toS3ApError = (
  error: unknown,
  context: { operation: string; bucket?: string; key?: string },
): S3ApError => {
  if (error instanceof S3ApError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkLikeError;
  const code = e.name && e.name !== 'Error' ? e.name : e.code;
  const httpStatus = e.$metadata?.httpStatusCode;
  const where = `${context.operation}${context.bucket ? ` on ${context.bucket}` : ''}${context.key ? `/${context.key}` : ''}`;
  const detail = `${where} failed: ${code ?? 'Error'}${e.message ? ` (${e.message})` : ''}`;
  const options = { cause: error, code, httpStatus };
  if (code === 'NoSuchKey' || code === 'NotFound' || code === 'NoSuchUpload' || code === 'NoSuchBucket') {
    return new S3ApNotFoundError(detail, options);
  }
  if (code === 'AccessDenied' || httpStatus === 403) {
    return new S3ApAccessDeniedError(`${detail}. ${S3ApAccessDeniedError.HINT}`, options);
  }
  if (code === 'NotImplemented' || httpStatus === 501)
    return new S3ApUnsupportedOperationError(context.operation, detail, options);
  if (code === 'EntityTooLarge' || code === 'EntityTooSmall') return new S3ApLimitError(detail, options);
  const transient =
    (httpStatus !== undefined && httpStatus >= 500) ||
    TRANSIENT_CODES.has(code ?? '') ||
    NETWORK_CODES.has(e.code ?? '') ||
    e.name === 'TimeoutError' ||
    (httpStatus === undefined && e.$fault === undefined && code !== undefined && NETWORK_CODES.has(code));
  return new S3ApError(detail, { ...options, transient });
};
