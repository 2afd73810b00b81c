/** Base of every error this package throws; `transient` tells a handler whether a retry can succeed. */
export class LineageError extends Error {
  override readonly name: string = 'LineageError';
  readonly transient: boolean;

  constructor(message: string, options: { cause?: unknown; transient?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.transient = options.transient ?? false;
  }
}

/** A lineage input or stored item does not match the v2 schema. */
export class LineageValidationError extends LineageError {
  override readonly name = 'LineageValidationError';
}

/** A value cannot be written as canonical JSON (non-finite number, undefined in an array, class instance). */
export class CanonicalJsonError extends LineageError {
  override readonly name = 'CanonicalJsonError';
}

/** Too many writers raced for the same chain head; retrying later succeeds. */
export class ChainContentionError extends LineageError {
  override readonly name = 'ChainContentionError';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, transient: true });
  }
}

/** A record could not be stored after its sequence number was allocated. */
export class LineageWriteError extends LineageError {
  override readonly name = 'LineageWriteError';
}

/** Exporting a chain to the archive bucket failed. */
export class LineageExportError extends LineageError {
  override readonly name = 'LineageExportError';
}
