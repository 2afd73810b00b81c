import { AnalyticsError } from '../errors';

const THROTTLING = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
  'SlowDown',
]);
const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

interface SdkErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

/** Throttling, 5xx and network failures can succeed on retry; validation and access errors cannot. */
export const isTransientSdkError = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as SdkErrorShape;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === 'number' && (status >= 500 || status === 429)) return true;
  if (e.$fault === 'server') return true;
  if (typeof e.name === 'string' && (THROTTLING.has(e.name) || e.name === 'TimeoutError')) return true;
  return typeof e.code === 'string' && NETWORK.has(e.code);
};

/** Wraps an SDK failure with the operation that failed; the SQL text is never part of the message. */
export const wrapSdkError = (operation: string, error: unknown): AnalyticsError => {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return new AnalyticsError(`Athena ${operation} failed: ${name}: ${message}`, {
    cause: error,
    transient: isTransientSdkError(error),
  });
};
