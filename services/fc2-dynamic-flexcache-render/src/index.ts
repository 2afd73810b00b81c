export { CHECKSUM_LIST_NAME, type ChecksumList, formatChecksumList, parseChecksumList } from './domain/checksum-list';
export * from './domain/errors';
export {
  type AccessPointPlan,
  type JobInput,
  type JobPlan,
  jobInputSchema,
  type PlanSettings,
  planJob,
} from './domain/job-input';
export { canMove, decideClaim, JOB_STATES, type JobRecord, type JobState } from './domain/job-record';
export type { JobManifest, ManifestFile } from './domain/manifest';
export { accessPointNameOf, cacheNameOf, junctionPathOf } from './domain/names';
export { claimJob, getJob, type JobStore, jobTableCfn, moveJob } from './job-store';
