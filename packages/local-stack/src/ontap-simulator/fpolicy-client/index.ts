export type { FileChange, FileFacts, TreeSnapshot } from './change-tracker';
export { ChangeTracker } from './change-tracker';
export {
  type FpolicyClient,
  type FpolicyClientOptions,
  type FpolicyClientStats,
  type NotifyExtra,
  startFpolicyClient,
  type WatchOptions,
} from './client';
export {
  type EngineType,
  type FpolicyClientConfig,
  type FpolicyServerAddress,
  ONTAP_ENGINE_DEFAULTS,
  validateClientConfig,
} from './config';
export { FpolicyClientError } from './errors';
export { negoResponseProblem, ONTAP_OFFERED_VERSIONS } from './handshake';
export { isoDurationToMs } from './iso-duration';
export {
  type EventProtocol,
  type FileOperationFlags,
  isMonitored,
  type NotifiedOperation,
  reqTypeFor,
} from './operations';
export { Outbox, type OutboxLimits } from './outbox';
export type { LinkInfo, LinkPhase, LinkTiming } from './server-link';
export { configFromSimulator, type SimulatorPolicySource } from './simulator-config';
export { buildPathFilter, type IgnoreOptions, S3AP_TEMP_NAME, scanTree } from './tree-scan';
