/**
 * The one error base of this service. Every error carries a boolean `transient`, so `@fsxn/lambda-kit`
 * maps it to `TransientError` (retried by the state machine) or `PermanentError` (caught → cleanup). The
 * original name survives in the boundary error's message (`<Name>: <message>`), which the report reads.
 * The ONTAP and FSx step errors it shares with other services (`OntapJobFailed`, `OntapRequestRejected`,
 * `OntapUnavailable`, `AccessPointAttachError`, `FsxUnavailable`) come from `@fsxn/ontap-automation`.
 */
export class FlexCacheRenderError extends Error {
  override readonly name: string = 'FlexCacheRenderError';
  readonly transient: boolean;

  constructor(message: string, options: { transient?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.transient = options.transient ?? false;
  }
}

/** The job input breaks a rule (names, paths, sizes, timeouts); found before any ONTAP call. */
export class InvalidJobError extends FlexCacheRenderError {
  override readonly name: string = 'InvalidJobError';
}

/** Another execution holds this job id (its lease has not expired): this run touches nothing. */
export class JobInProgressError extends FlexCacheRenderError {
  override readonly name: string = 'JobInProgressError';
}

/** A volume or FlexCache with the job's cache name exists and is not this job's cache. */
export class CacheConflictError extends FlexCacheRenderError {
  override readonly name: string = 'CacheConflictError';
}

/** The origin SVM or volume named by the job does not exist. */
export class OriginNotFoundError extends FlexCacheRenderError {
  override readonly name: string = 'OriginNotFoundError';
}

/** The processing step ran past the job's processing timeout and stopped reading. */
export class ProcessingTimeoutError extends FlexCacheRenderError {
  override readonly name: string = 'ProcessingTimeoutError';
}

/** A job record update lost a race or found a state it may not leave (e.g. DONE → PROCESSING). */
export class JobRecordConflictError extends FlexCacheRenderError {
  override readonly name: string = 'JobRecordConflictError';
}
