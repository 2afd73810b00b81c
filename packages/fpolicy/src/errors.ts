/** Base of every error this package throws; `transient` tells a caller whether a retry can succeed. */
export class FpolicyError extends Error {
  override readonly name: string = 'FpolicyError';
  readonly transient: boolean;

  constructor(message: string, options: { cause?: unknown; transient?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.transient = options.transient ?? false;
  }
}

/**
 * Why bytes from the wire were refused. Reasons listed in {@link FATAL_FRAME_REASONS} break the framing itself
 * (the next frame boundary is unknown), so the connection must be closed.
 */
export type FrameErrorReason =
  | 'bad-frame-start'
  | 'bad-length-delimiter'
  | 'empty-frame'
  | 'frame-too-large'
  | 'decoder-failed'
  | 'truncated-frame'
  | 'trailing-bytes'
  | 'header-too-large'
  | 'missing-separator'
  | 'bad-header'
  | 'content-length-mismatch'
  | 'invalid-utf8'
  | 'xml-malformed'
  | 'xml-forbidden-markup'
  | 'xml-limit-exceeded'
  | 'unexpected-root'
  | 'missing-element'
  | 'invalid-value'
  | 'unsupported-data-format'
  | 'protobuf-malformed'
  | 'protobuf-limit-exceeded';

export const FATAL_FRAME_REASONS: ReadonlySet<FrameErrorReason> = new Set<FrameErrorReason>([
  'bad-frame-start',
  'bad-length-delimiter',
  'empty-frame',
  'frame-too-large',
  'decoder-failed',
  'truncated-frame',
  'trailing-bytes',
]);

/**
 * Bytes received from the peer are not a valid FPolicy frame or message. `resyncable` is true when the frame
 * boundary was still known, so the caller can skip this frame and keep reading; false means close the connection.
 * Messages never include payload bytes, only positions and limits, so nothing sensitive leaks into logs.
 */
export class FpolicyFrameError extends FpolicyError {
  override readonly name = 'FpolicyFrameError';
  readonly reason: FrameErrorReason;
  readonly resyncable: boolean;

  constructor(reason: FrameErrorReason, message: string, options: { cause?: unknown } = {}) {
    super(`${reason}: ${message}`, options);
    this.reason = reason;
    this.resyncable = !FATAL_FRAME_REASONS.has(reason);
  }
}

/** A value cannot be put on the wire (character XML 1.0 forbids, frame above the limit, malformed id). */
export class FpolicyEncodeError extends FpolicyError {
  override readonly name = 'FpolicyEncodeError';
}

/**
 * The server and ONTAP share no protocol version. ONTAP answers an unusable NEGO_RESP with ALERT_MSG and drops
 * the connection, so the server should log this and close instead of answering.
 */
export class FpolicyNegotiationError extends FpolicyError {
  override readonly name = 'FpolicyNegotiationError';
  readonly offered: readonly string[];
  readonly supported: readonly string[];

  constructor(offered: readonly string[], supported: readonly string[]) {
    super(
      `no mutually supported FPolicy protocol version (offered ${offered.length}, supported ${supported.join(',')})`,
    );
    this.offered = offered;
    this.supported = supported;
  }
}

/** A notification cannot become a file event (a `..` path segment, a control character, an invalid field). */
export class FpolicyEventError extends FpolicyError {
  override readonly name = 'FpolicyEventError';
  /** The event field that was refused. */
  readonly field: string;

  constructor(field: string, message: string, options: { cause?: unknown } = {}) {
    super(`${field}: ${message}`, options);
    this.field = field;
  }
}
