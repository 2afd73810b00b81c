import { LocalStackError } from '../errors';

/** serverless.yml could not be read, parsed or its variables resolved. */
export class ServiceConfigError extends LocalStackError {
  override readonly name = 'ServiceConfigError';
}

/** The definition uses something the local runner cannot execute faithfully; names the state. */
export class UnsupportedStateError extends LocalStackError {
  override readonly name = 'UnsupportedStateError';
  constructor(
    readonly stateName: string,
    detail: string,
  ) {
    super(`State "${stateName}": ${detail}`);
  }
}

/** A Task names a function that the service does not declare or whose handler cannot be loaded. */
export class HandlerResolutionError extends LocalStackError {
  override readonly name = 'HandlerResolutionError';
}

/** The execution ended in failure; `error`/`cause` are the ASL Error and Cause. */
export class ExecutionFailedError extends LocalStackError {
  override readonly name = 'ExecutionFailedError';
  constructor(
    readonly error: string,
    readonly errorCause: string,
    options: { cause?: unknown } = {},
  ) {
    super(`Execution failed with ${error}: ${errorCause}`, options);
  }
}
