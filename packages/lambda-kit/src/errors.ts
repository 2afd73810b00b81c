/** A zod-style issue: where in the input it was found and what is wrong. Values are never included. */
export interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** Base of every error this package throws; `transient` tells the state machine whether a retry may help. */
export class FsxnError extends Error {
  override readonly name: string = 'FsxnError';
  readonly transient: boolean;

  constructor(message: string, options: { transient?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.transient = options.transient ?? false;
  }
}

/**
 * The only error class a handler throws for a fault worth retrying. State machines match its name
 * (`Retry: ErrorEquals ["TransientError"]`), so do not subclass it: a subclass name would not match.
 */
export class TransientError extends FsxnError {
  override readonly name = 'TransientError';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { transient: true, cause: options.cause });
  }
}

/** The only error class a handler throws for a fault a retry cannot fix (caught by `States.ALL`). */
export class PermanentError extends FsxnError {
  override readonly name = 'PermanentError';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { transient: false, cause: options.cause });
  }
}

/** Environment variables missing or invalid at cold start; `problems` names each variable. */
export class ConfigError extends FsxnError {
  override readonly name = 'ConfigError';

  constructor(
    message: string,
    readonly problems: readonly { variable: string; message: string }[],
  ) {
    super(message, { transient: false });
  }
}

/** Input that does not match its schema. A retry would fail the same way. */
export class ValidationError extends FsxnError {
  override readonly name = 'ValidationError';

  constructor(
    message: string,
    readonly issues: readonly Issue[],
  ) {
    super(message, { transient: false });
  }
}

/** Formats issues as `path: message; …`, listing at most `limit` of them. */
export const formatIssues = (issues: readonly Issue[], limit = 10): string => {
  const shown = issues.slice(0, limit).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const hidden = issues.length - shown.length;
  return hidden > 0 ? `${shown.join('; ')}; and ${hidden} more` : shown.join('; ');
};

const formatPath = (path: readonly PropertyKey[]): string => {
  if (path.length === 0) return '(root)';
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const text = typeof segment === 'symbol' ? segment.toString() : segment;
      return index === 0 ? text : `.${text}`;
    })
    .join('');
};

/**
 * Error names (or Node `code`s) that mean "try again later": throttling, server-side timeouts and
 * unavailability across AWS services, dropped connections, and our own in-progress idempotency lock.
 */
export const TRANSIENT_ERROR_NAMES: ReadonlySet<string> = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'BandwidthLimitExceeded',
  'PriorRequestNotComplete',
  'RequestTimeout',
  'RequestTimeoutException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerError',
  'InternalServerErrorException',
  'InternalServerException',
  'InternalFailure',
  'ModelNotReadyException',
  'TimeoutError',
  'ECONNRESET',
  'ETIMEDOUT',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const MAX_CAUSE_DEPTH = 8;
const MAX_MESSAGE_LENGTH = 2000;

/**
 * Maps anything thrown to the two classes a state machine distinguishes. Never throws.
 *
 * Verdict, first match wins, walking `cause` when an error carries no verdict of its own:
 * our boundary classes as they are; a boolean `transient` property; AWS SDK signals (`$retryable`,
 * HTTP 5xx or 429); a known transient name or network `code`; an AWS SDK error with any other status
 * is permanent; everything else is permanent.
 */
export const toBoundaryError = (err: unknown): TransientError | PermanentError => {
  if (isBoundaryError(err)) return err;
  const message = `${describeName(err)}: ${describeMessage(err)}`;
  return isTransient(err, 0)
    ? new TransientError(message, { cause: err })
    : new PermanentError(message, { cause: err });
};

const isBoundaryError = (err: unknown): err is TransientError | PermanentError =>
  (isInstance(err, TransientError) && err.name === 'TransientError') ||
  (isInstance(err, PermanentError) && err.name === 'PermanentError');

/** `instanceof` that answers false instead of throwing (a revoked proxy throws on prototype access). */
const isInstance = <T>(value: unknown, type: abstract new (...args: never[]) => T): value is T => {
  try {
    return value instanceof type;
  } catch {
    return false;
  }
};

const isTransient = (err: unknown, depth: number): boolean => {
  if (depth > MAX_CAUSE_DEPTH || err === null || typeof err !== 'object') return false;
  const transient = read(err, 'transient');
  if (typeof transient === 'boolean') return transient;
  if (read(err, '$retryable')) return true;
  const metadata = read(err, '$metadata');
  const status = metadata !== null && typeof metadata === 'object' ? read(metadata, 'httpStatusCode') : undefined;
  if (typeof status === 'number' && (status >= 500 || status === 429)) return true;
  for (const key of ['name', 'code', 'Code'] as const) {
    const value = read(err, key);
    if (typeof value === 'string' && TRANSIENT_ERROR_NAMES.has(value)) return true;
  }
  // An AWS SDK error with a 4xx status has told us all it knows; do not second-guess it from a cause.
  if (typeof status === 'number') return false;
  return isTransient(read(err, 'cause'), depth + 1);
};

/** Reads a property of a value that may be hostile (throwing getters, proxies). */
const read = (value: object, key: string): unknown => {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
};

const describeName = (err: unknown): string => {
  if (err !== null && typeof err === 'object') {
    const name = read(err, 'name');
    if (typeof name === 'string' && name.length > 0) return truncate(name, 200);
    return isInstance(err, Error) ? 'Error' : 'NonErrorThrown';
  }
  return 'NonErrorThrown';
};

/**
 * Only the message of an error, or the text of a thrown string, goes into the boundary message:
 * serialising arbitrary objects could copy secrets they carry into logs and execution history.
 */
const describeMessage = (err: unknown): string => {
  if (typeof err === 'string') return truncate(err, MAX_MESSAGE_LENGTH);
  if (err !== null && typeof err === 'object') {
    const message = read(err, 'message');
    if (typeof message === 'string') return truncate(message, MAX_MESSAGE_LENGTH);
    return `a thrown ${isInstance(err, Error) ? 'error' : 'object'} without a message`;
  }
  if (err === undefined) return 'undefined was thrown';
  if (err === null) return 'null was thrown';
  if (typeof err === 'symbol' || typeof err === 'function') return `a ${typeof err} was thrown`;
  return `${typeof err} ${String(err)} was thrown`;
};

const truncate = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text);
