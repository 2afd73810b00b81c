/** Base of every error the UC4 render-output domain throws. File content never changes on retry: none is transient. */
export class MediaError extends Error {
  override readonly name: string = 'MediaError';
  readonly transient: boolean = false;

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}

/** The bytes are not a valid EXR/DPX file (wrong magic, impossible field, truncated). */
export class MediaParseError extends MediaError {
  override readonly name = 'MediaParseError';
  readonly offset: number;

  constructor(reason: string, offset: number, options: { cause?: unknown } = {}) {
    super(`${reason} (offset ${offset})`, options);
    this.offset = offset;
  }
}

/**
 * The bytes read so far end inside the header. The caller reads more (a longer Range read) and parses
 * again; when the whole file was already read, the file is truncated.
 */
export class NeedMoreBytesError extends MediaError {
  override readonly name = 'NeedMoreBytesError';
  /** At least this many bytes from the start of the file are needed. */
  readonly needed: number;

  constructor(needed: number) {
    super(`header continues past the bytes read: at least ${needed} bytes needed`);
    this.needed = needed;
  }
}
