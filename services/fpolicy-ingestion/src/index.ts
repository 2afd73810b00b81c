export { type BridgeOptions, type BridgeResult, bridgeRecords, FPOLICY_DETAIL_TYPE, FPOLICY_SOURCE } from './bridge';
export { FpolicyIngestionError, FpolicySetupError, IngestionConfigError, SinkWriteError } from './errors';
export {
  configureFpolicy,
  type FpolicySetupResult,
  type FpolicySetupSpec,
  fpolicySetupSpecSchema,
} from './ontap-setup';
export type { EngineType } from './server/connection';
export { DedupWindow, dedupKey, SessionSequences } from './server/dedup-window';
export { type HealthServer, startHealthServer } from './server/health';
export { type ServerLog, silentLog } from './server/log';
export {
  type FpolicyServer,
  type FpolicyServerOptions,
  SERVER_DEFAULTS,
  type ServerStats,
  type StopResult,
  startFpolicyServer,
} from './server/server';
export {
  msidFallbackName,
  ontapVolumeResolver,
  staticVolumeResolver,
  type VolumeResolver,
} from './server/volume-resolver';
export { jsonlSink } from './sinks/jsonl';
export { MemorySink, type MemorySinkOptions } from './sinks/memory';
export type { EventSink } from './sinks/sink';
export { packBatches, SQS_MAX_BATCH_BYTES, SQS_MAX_BATCH_ENTRIES, type SqsSinkOptions, sqsSink } from './sinks/sqs';
export {
  DEFAULT_EVENT_BYTES,
  DEFAULT_SAFETY,
  formatBytes,
  formatSizingReport,
  type PersistentStoreSizing,
  type PersistentStoreSizingInput,
  persistentStoreSizing,
} from './sizing';
