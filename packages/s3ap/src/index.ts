export { type AccessPointRef, parseAccessPoint } from './access-point';
export { createS3ApClient, type S3ApClientOptions, S3ApClientPool } from './client';
export {
  S3ApAccessDeniedError,
  S3ApError,
  S3ApInvalidInputError,
  S3ApLimitError,
  S3ApNotFoundError,
  S3ApUnsupportedOperationError,
  toS3ApError,
} from './errors';
export { normaliseKey } from './keys';
export {
  assertObjectSize,
  assertPartSize,
  assertSinglePutSize,
  assertSupported,
  S3AP_LIMITS,
  type S3ApLimitSet,
  SUPPORTED_OPERATIONS,
  type SupportedOperation,
  UNSUPPORTED_OPERATIONS,
  type UnsupportedOperation,
} from './limits';
export {
  type BucketTarget,
  bucketOf,
  collect,
  type ListedObject,
  type ListObjectsOptions,
  listObjects,
  suffixMatcher,
} from './list';
export { type OutputTarget, OutputWriter, type WriteResult } from './output-writer';
export { getBytes, getRange, type ReadOptions, readStream } from './read';
export { type PutBody, type PutOptions, type PutResult, putObject, uploadObject } from './write';
