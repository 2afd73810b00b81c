/** Base of every error this service raises; `transient` tells the handler boundary whether to retry. */
export class EdaError extends Error {
  override name = 'EdaError';
  readonly transient: boolean;

  constructor(message: string, options: { cause?: unknown; transient?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.transient = options.transient ?? false;
  }
}

/** A layout file that is not what it claims to be, or ends early. `offset` is where the reader stopped. */
export class LayoutParseError extends EdaError {
  override name = 'LayoutParseError';
  readonly offset: number;

  constructor(message: string, offset: number, options: { cause?: unknown } = {}) {
    super(`${message} (at byte offset ${offset})`, options);
    this.offset = offset;
  }
}
