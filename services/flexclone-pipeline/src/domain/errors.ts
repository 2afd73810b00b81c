/**
 * The one error base of this service. Every error carries a boolean `transient` so `@fsxn/lambda-kit`
 * maps it to `TransientError` (retried by the state machine) or `PermanentError` (caught → cleanup).
 * The name survives in the boundary error's message (`<Name>: <message>`), which the Report step reads.
 */
export class FlexClonePipelineError extends Error {
  override readonly name: string = 'FlexClonePipelineError';
  readonly transient: boolean;

  constructor(message: string, options: { transient?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.transient = options.transient ?? false;
  }
}

/** The execution input breaks a naming or path rule; found before any ONTAP call. */
export class InvalidInputError extends FlexClonePipelineError {
  override readonly name: string = 'InvalidInputError';
}

/** The requested security style differs from the parent's: a FlexClone always inherits it. */
export class SecurityStyleMismatchError extends FlexClonePipelineError {
  override readonly name: string = 'SecurityStyleMismatchError';
}

/** An SVM, parent volume, snapshot or clone named in the input does not exist. */
export class ResourceNotFoundError extends FlexClonePipelineError {
  override readonly name: string = 'ResourceNotFoundError';
}

/** The clone name or junction path is already taken by something this run did not create. */
export class ResourceConflictError extends FlexClonePipelineError {
  override readonly name: string = 'ResourceConflictError';
}

/** An ONTAP job (snapshot, clone, share, split, delete) ended in `failure`. */
export class OntapJobFailed extends FlexClonePipelineError {
  override readonly name: string = 'OntapJobFailed';
  readonly jobUuid: string;
  readonly code: string;

  constructor(step: string, job: { uuid: string; code: string; message: string }, cause?: unknown) {
    super(`${step}: ONTAP job ${job.uuid} failed: ${job.message} (code ${job.code})`, { cause });
    this.jobUuid = job.uuid;
    this.code = job.code;
  }
}

/** ONTAP refused the request (4xx other than 404): retrying the same request cannot help. */
export class OntapRequestRejected extends FlexClonePipelineError {
  override readonly name: string = 'OntapRequestRejected';
}

/** ONTAP or the network failed in a way that may pass (5xx, 429, connection, job still running). */
export class OntapUnavailable extends FlexClonePipelineError {
  override readonly name: string = 'OntapUnavailable';

  constructor(message: string, cause?: unknown) {
    super(message, { transient: true, cause });
  }
}

/** A FlexClone split is not possible (not a clone, or ONTAP reports it cannot split). */
export class CloneSplitError extends FlexClonePipelineError {
  override readonly name: string = 'CloneSplitError';
}

/** The S3 access point could not be attached to the clone (FSx refused or the volume is not in FSx). */
export class AccessPointAttachError extends FlexClonePipelineError {
  override readonly name: string = 'AccessPointAttachError';
}
