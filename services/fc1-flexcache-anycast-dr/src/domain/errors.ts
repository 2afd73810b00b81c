/**
 * The one error base of this service. Every error carries a boolean `transient` so `@fsxn/lambda-kit`
 * maps it to `TransientError` (retried by the state machine) or `PermanentError`; the name survives in
 * the boundary error's message (`<Name>: <message>`), which the Report step turns back into the run's error.
 * The ONTAP step errors it shares with other services (`OntapUnavailable`, `OntapRequestRejected`) come
 * from `@fsxn/ontap-automation`.
 */
export class Fc1Error extends Error {
  override readonly name: string = 'Fc1Error';
  readonly transient: boolean;

  constructor(message: string, options: { transient?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.transient = options.transient ?? false;
  }
}

/** The execution input or the endpoint list breaks a rule; found before any ONTAP or S3 call. */
export class InvalidInputError extends Fc1Error {
  override readonly name: string = 'InvalidInputError';
}

/** Every endpoint failed its checks: there is no read path to fail over to. */
export class NoHealthyEndpoint extends Fc1Error {
  override readonly name: string = 'NoHealthyEndpoint';
}

/** Another run changed the active route between this run's read and its write (conditional update lost). */
export class RouteConflict extends Fc1Error {
  override readonly name: string = 'RouteConflict';
}

/** The approved route change no longer matches what the approval was asked for. */
export class ApprovalMismatch extends Fc1Error {
  override readonly name: string = 'ApprovalMismatch';
}
