import type { FileEvent } from '@fsxn/fpolicy';

/** Base of every error this service throws; `transient` tells a caller whether a retry can succeed. */
export class FpolicyIngestionError extends Error {
  override readonly name: string = 'FpolicyIngestionError';
  readonly transient: boolean;

  constructor(message: string, options: { cause?: unknown; transient?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.transient = options.transient ?? false;
  }
}

/** A configuration value is missing or out of range (server options, sizing inputs, setup spec). */
export class IngestionConfigError extends FpolicyIngestionError {
  override readonly name = 'IngestionConfigError';
}

/**
 * A sink delivered only part of a batch. `unsent` may be retried (the sink gave up after its own retries);
 * `rejected` never will be accepted (e.g. SQS SenderFault) and is reported as dropped, not retried forever.
 */
export class SinkWriteError extends FpolicyIngestionError {
  override readonly name = 'SinkWriteError';
  readonly unsent: readonly FileEvent[];
  readonly rejected: readonly FileEvent[];

  constructor(
    message: string,
    parts: { unsent: readonly FileEvent[]; rejected?: readonly FileEvent[] },
    options: { cause?: unknown } = {},
  ) {
    super(message, { ...options, transient: parts.unsent.length > 0 });
    this.unsent = parts.unsent;
    this.rejected = parts.rejected ?? [];
  }
}

/** ONTAP refused or could not complete a step of the FPolicy setup. */
export class FpolicySetupError extends FpolicyIngestionError {
  override readonly name = 'FpolicySetupError';
}
