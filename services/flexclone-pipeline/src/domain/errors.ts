/**
 * The one error base of this service. Every error carries a boolean `transient` so `@fsxn/lambda-kit`
 * maps it to `TransientError` (retried by the state machine) or `PermanentError` (caught → cleanup).
 * The name survives in the boundary error's message (`<Name>: <message>`), which the Report step reads.
 * The ONTAP and FSx step errors it shares with other services (`OntapJobFailed`, `OntapRequestRejected`,
 * `OntapUnavailable`, `AccessPointAttachError`, `FsxUnavailable`) come from `@fsxn/ontap-automation`.
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

/** A FlexClone split is not possible (not a clone, or ONTAP reports it cannot split). */
export class CloneSplitError extends FlexClonePipelineError {
  override readonly name: string = 'CloneSplitError';
}
