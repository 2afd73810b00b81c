/** Public surface of the FlexClone pipeline service: the domain rules and the steps, for reuse and tests. */
export * from './domain/detect-type';
export * from './domain/errors';
export * from './domain/file-items';
export * from './domain/input';
export * from './domain/names';
export * from './domain/progress';
export * from './domain/report';
export { type CleanupAction, type CleanupOutcome, type CleanupTarget, cleanUp } from './steps/cleanup';
export { checkOnline, type OnlineCheck, submitClone } from './steps/clone';
export { absentOn404, ontapStep, toPipelineError } from './steps/ontap-errors';
export { prepareRun } from './steps/prepare';
export { type FileMetadata, type ProcessOptions, type ProcessResult, processFiles } from './steps/process-files';
export { type CreatedShare, ensureShare } from './steps/share';
export { ensureSnapshot } from './steps/snapshot';
export { checkSplit, type SplitCheck, type SplitStarted, startSplit } from './steps/split';
export type { JobWaitSettings, Prepared, SnapshotRef, SubmittedClone } from './steps/types';
