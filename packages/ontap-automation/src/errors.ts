/**
 * The error base of this package: the named step errors every ONTAP-driving service throws. Each carries a
 * boolean `transient`, so `@fsxn/lambda-kit` maps it to `TransientError` (retried by the state machine) or
 * `PermanentError` (caught → cleanup). The name survives in the boundary error's message
 * (`<Name>: <message>`), which a service's Report step reads back.
 */
export class OntapAutomationError extends Error {
  override readonly name: string = 'OntapAutomationError';
  readonly transient: boolean;

  constructor(message: string, options: { transient?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.transient = options.transient ?? false;
  }
}

/** An ONTAP job (snapshot, clone, FlexCache create, share, split, unmount, delete) ended in `failure`. */
export class OntapJobFailed extends OntapAutomationError {
  override readonly name: string = 'OntapJobFailed';
  readonly jobUuid: string;
  readonly code: string;

  constructor(step: string, job: { uuid: string; code: string; message: string }, cause?: unknown) {
    super(`${step}: ONTAP job ${job.uuid} failed: ${job.message} (code ${job.code})`, { cause });
    this.jobUuid = job.uuid;
    this.code = job.code;
  }
}

/** ONTAP refused the request (4xx): repeating the same request cannot help. */
export class OntapRequestRejected extends OntapAutomationError {
  override readonly name: string = 'OntapRequestRejected';
}

/** ONTAP or the network failed in a way that may pass (5xx, 429, connection, job still running). */
export class OntapUnavailable extends OntapAutomationError {
  override readonly name: string = 'OntapUnavailable';

  constructor(message: string, cause?: unknown) {
    super(message, { transient: true, cause });
  }
}

/** The S3 access point could not be attached (FSx refused, or the attachment failed / is misconfigured). */
export class AccessPointAttachError extends OntapAutomationError {
  override readonly name: string = 'AccessPointAttachError';
}

/** The FSx API failed in a way that may pass (5xx, 429, throttling): the state machine retries the step. */
export class FsxUnavailable extends OntapAutomationError {
  override readonly name: string = 'FsxUnavailable';

  constructor(message: string, cause?: unknown) {
    super(message, { transient: true, cause });
  }
}
