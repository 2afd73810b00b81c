/**
 * Every error this package throws is an `InferenceError`. `transient` tells the handler boundary whether
 * repeating the call later may succeed (throttling, 5xx, timeouts); messages never include input text,
 * document bytes or credentials, only the operation, the service error name and its message.
 */
export class InferenceError extends Error {
  override readonly name: string = 'InferenceError';
  readonly transient: boolean;
  /** The AWS error name (e.g. `ThrottlingException`) when the error came from a service call. */
  readonly code: string | undefined;

  constructor(message: string, options: { transient: boolean; code?: string; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.transient = options.transient;
    this.code = options.code;
  }
}

const TRANSIENT_NAMES = new Set([
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
  'ServiceUnavailableException',
  'ServiceUnavailable',
  'InternalServerError',
  'InternalServerException',
  'InternalFailure',
  'ModelNotReadyException',
  'ModelTimeoutException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
]);

interface AwsLikeError {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $fault?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/** Decides whether an AWS SDK (or network) error is worth retrying. */
export function isTransientAwsError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as AwsLikeError;
  if (typeof e.name === 'string' && TRANSIENT_NAMES.has(e.name)) return true;
  if (typeof e.code === 'string' && TRANSIENT_NAMES.has(e.code)) return true;
  if (e.$retryable !== undefined && e.$retryable !== null) return true;
  if (e.$fault === 'server') return true;
  const status = e.$metadata?.httpStatusCode;
  return typeof status === 'number' && (status === 429 || status >= 500);
}

/** Wraps an SDK failure of `operation` in an `InferenceError`, keeping the original as `cause`. */
export function fromAwsError(operation: string, error: unknown): InferenceError {
  if (error instanceof InferenceError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as AwsLikeError;
  const code = typeof e.name === 'string' ? e.name : 'UnknownError';
  const detail = typeof e.message === 'string' && e.message.length > 0 ? `: ${e.message}` : '';
  return new InferenceError(`${operation} failed with ${code}${detail}`, {
    transient: isTransientAwsError(error),
    code,
    cause: error,
  });
}

/** Runs one SDK call and converts whatever it throws. */
export async function callAws<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw fromAwsError(operation, error);
  }
}
