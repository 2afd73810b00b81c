/** Base of every error the UC8 domain throws. File content never changes on retry, so none is transient. */
export class SeismicError extends Error {
  override readonly name: string = 'SeismicError';
  readonly transient: boolean = false;

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}

/** The bytes are not a SEG-Y file this parser can read (too short, unknown format code, impossible layout). */
export class SegyFormatError extends SeismicError {
  override readonly name = 'SegyFormatError';
}

/** A LAS or CSV well log that does not follow its format; the message names the line when it is known. */
export class WellLogParseError extends SeismicError {
  override readonly name = 'WellLogParseError';
}

/** A well log that is valid but uses a feature this service does not read (e.g. LAS 3.0). */
export class WellLogUnsupportedError extends SeismicError {
  override readonly name = 'WellLogUnsupportedError';
}
