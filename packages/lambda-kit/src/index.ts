export { type EnvSource, envBoolean, envEnum, envInt, envList, loadConfig } from './config';
export {
  createDiscoverHandler,
  type DiscoverHandlerOptions,
  type DiscoverOutput,
  type ReadHead,
} from './discover-handler';
export {
  ConfigError,
  FsxnError,
  formatIssues,
  type Issue,
  PermanentError,
  TRANSIENT_ERROR_NAMES,
  TransientError,
  toBoundaryError,
  ValidationError,
} from './errors';
export {
  createHandler,
  executionArnOf,
  type HandlerContext,
  type HandlerFn,
  type HandlerOptions,
  HandlerTimeoutError,
  type LambdaHandler,
} from './handler';
export {
  IDEMPOTENCY_EXPIRY_ATTRIBUTE,
  IDEMPOTENCY_KEY_ATTRIBUTE,
  IdempotencyAlreadyInProgressError,
  type IdempotencyOptions,
  IdempotencyStoreError,
  type IdempotentFn,
  idempotencyTableCfn,
  makeIdempotent,
} from './idempotency';
export { type CreateLoggerOptions, createLogger, type Logger, REDACTED_PATHS, REDACTION_CENSOR } from './logger';
export {
  type CreateMetricsOptions,
  createMetrics,
  DEFAULT_NAMESPACE,
  METRIC_UNITS,
  MetricError,
  type MetricsSink,
  type MetricUnit,
  noopMetrics,
} from './metrics';
export * from './secrets';
export { analyticsWriterOf, documentClient, outputWriterOf, s3Of, sfnClient } from './service-clients';
export {
  analyticsBucketEnv,
  DEPLOYMENT_PROFILES,
  discoverEnv,
  lineageEnv,
  maxFileBytesEnv,
  type ServiceEnv,
  serviceEnv,
  TRIGGER_MODES,
} from './service-env';
