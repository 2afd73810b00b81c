/** Base of every error this package throws. */
export class PipelineError extends Error {
  readonly transient: boolean = false;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PipelineError';
  }
}

/** The counts of a run do not add up: a bug, never bad input. */
export class CountsMismatchError extends PipelineError {
  constructor(message: string) {
    super(message);
    this.name = 'CountsMismatchError';
  }
}
