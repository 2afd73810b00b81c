export { canonicalJson, sha256Hex } from './canonical-json';
export {
  CanonicalJsonError,
  ChainContentionError,
  LineageError,
  LineageExportError,
  LineageValidationError,
  LineageWriteError,
} from './errors';
export {
  type ExportBucketCfnOptions,
  type ExportResult,
  type ExportTarget,
  exportChain,
  exportKey,
  lineageExportBucketCfn,
  parseNdjson,
  toNdjson,
} from './export';
export { type FailedItem, type FailureRun, recordFailureLineage } from './failures';
export { type ChainHead, type ChainItem, computeRecordHash, EMPTY_HEAD, GENESIS_HASH } from './hash-chain';
export {
  type ChainedLineageRecord,
  type ChainFields,
  chainedLineageRecordSchema,
  GUARDRAIL_MODES,
  LINEAGE_STATUSES,
  type LineageInput,
  type LineageRecord,
  lineageInputSchema,
  lineageRecordSchema,
  RESERVED_SOURCE_PREFIX,
} from './record';
export {
  DEFAULT_RETENTION_DAYS,
  RETENTION_PROFILES,
  type RetentionProfile,
  retainUntil,
  ttlSeconds,
} from './retention';
export {
  byUseCase,
  type ChainPage,
  type ChainPageOptions,
  chain,
  chainItems,
  chainItemsPage,
  historyOf,
  type LineageDeps,
  readHead,
  recordLineage,
  type StoredLineageRecord,
  verifyChain,
} from './store';
export {
  CHAIN_INDEX,
  DEFAULT_LINEAGE_TABLE,
  HEAD_SORT_KEY,
  type LineageTableCfnOptions,
  lineageTableCfn,
  TIMESTAMP_INDEX,
} from './table';
export { type ChainProblem, type ChainProblemKind, type VerifyOptions, type VerifyResult, verify } from './verify';
