export interface LocalStackErrorOptions {
  readonly cause?: unknown;
  /** Whether trying again can help (a port in use, a backend answering 5xx); false by default. */
  readonly transient?: boolean;
}

/**
 * The one error base of `@fsxn/local-stack`: every error class of the package (state-machine runner,
 * service stack, S3AP emulator, ONTAP simulator, task-token API) extends it, so a caller can tell the
 * local stack's failures from its own with a single `instanceof`.
 */
export class LocalStackError extends Error {
  override readonly name: string = 'LocalStackError';
  readonly transient: boolean;

  constructor(message: string, options: LocalStackErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.transient = options.transient ?? false;
  }
}
