export {
  type AccessPointConfig,
  type AccessPointInfo,
  deriveAlias,
  type FixedRootAccessPoint,
  type ResolvedRootAccessPoint,
} from './access-points';
export type { S3ApLimits } from './context';
export {
  FSX_S3AP_LIMITS,
  type S3ApEmulator,
  type S3ApEmulatorOptions,
  type S3ApFaultOptions,
  type S3ApFaults,
  type S3ApRequestRecord,
  startS3ApEmulator,
} from './emulator';
export { detachedAccessPoint, S3ApEmulatorError, type S3ErrorCode } from './s3-error';
