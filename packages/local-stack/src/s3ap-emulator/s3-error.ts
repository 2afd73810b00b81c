import { LocalStackError } from '../errors';

/** S3 error codes the emulator answers with, and the HTTP status S3 uses for each. */
const STATUS_BY_CODE = {
  AccessDenied: 403,
  BadDigest: 400,
  EntityTooLarge: 400,
  EntityTooSmall: 400,
  IncompleteBody: 400,
  InternalError: 500,
  InvalidArgument: 400,
  InvalidBucketName: 400,
  InvalidDigest: 400,
  InvalidPart: 400,
  InvalidPartNumber: 416,
  InvalidPartOrder: 400,
  InvalidRange: 416,
  InvalidRequest: 400,
  InvalidStorageClass: 400,
  InvalidTag: 400,
  InvalidURI: 400,
  KeyTooLongError: 400,
  MalformedXML: 400,
  MethodNotAllowed: 405,
  NoSuchBucket: 404,
  NoSuchKey: 404,
  NoSuchUpload: 404,
  NotImplemented: 501,
  PreconditionFailed: 412,
  SlowDown: 503,
  XAmzContentSHA256Mismatch: 400,
} as const;

export type S3ErrorCode = keyof typeof STATUS_BY_CODE;

/**
 * The S3AP emulator's error for a request: an S3 error that becomes an XML error response.
 * `extra` adds elements S3 puts beside Code/Message (e.g. `MaxSizeAllowed`). 5xx codes are transient.
 */
export class S3ApEmulatorError extends LocalStackError {
  override readonly name = 'S3ApEmulatorError';
  readonly status: number;

  constructor(
    readonly code: S3ErrorCode,
    message: string,
    readonly extra: Readonly<Record<string, string>> = {},
    options: { cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause, transient: STATUS_BY_CODE[code] >= 500 });
    this.status = STATUS_BY_CODE[code];
  }
}

/** Shorthand for the one refusal every unsupported FSx S3AP feature gets. */
export const notImplemented = (feature: string): S3ApEmulatorError =>
  new S3ApEmulatorError(
    'NotImplemented',
    `${feature} is not supported by Amazon FSx for NetApp ONTAP S3 access points.`,
  );

/** S3's answer to an XML request body it cannot parse or that breaks the schema. */
export const malformedXml = (detail?: string): S3ApEmulatorError =>
  new S3ApEmulatorError(
    'MalformedXML',
    `The XML you provided was not well-formed or did not validate against our published schema.${detail ? ` (${detail})` : ''}`,
  );

/**
 * S3's answer for an access point that cannot be reached now (its volume unmounted, offline or deleted): the
 * alias no longer names a bucket. `reason` completes "access point <name> …" for the developer.
 */
export const detachedAccessPoint = (name: string, reason: string): S3ApEmulatorError =>
  new S3ApEmulatorError('NoSuchBucket', `The specified bucket does not exist: access point ${name} ${reason}.`, {
    BucketName: name,
  });
