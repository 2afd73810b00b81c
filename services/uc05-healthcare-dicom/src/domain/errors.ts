/** Base of every error the UC5 DICOM domain throws. DICOM content never changes on retry, so none is transient. */
export class DicomError extends Error {
  override readonly name: string = 'DicomError';
  readonly transient: boolean = false;

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}

/** Where in the byte stream a parse failed; `tag` is `(gggg,eeee)` when the failing element is known. */
export interface DicomParseLocation {
  readonly offset: number;
  readonly tag?: string;
}

/**
 * The input is not DICOM, or is truncated/corrupt. `reason` says what was wrong without echoing any value
 * (values may be PHI); `offset` is relative to the start of the stream being read (the inflated dataset for
 * deflated files).
 */
export class DicomParseError extends DicomError {
  override readonly name = 'DicomParseError';
  readonly reason: string;
  readonly offset: number;
  readonly tag: string | undefined;

  constructor(reason: string, location: DicomParseLocation, options: { cause?: unknown } = {}) {
    const where =
      location.tag === undefined ? `offset ${location.offset}` : `${location.tag} at offset ${location.offset}`;
    super(`${reason} (${where})`, options);
    this.reason = reason;
    this.offset = location.offset;
    this.tag = location.tag;
  }
}

/** De-identification settings are unusable (e.g. a UID root that cannot prefix a valid UID). */
export class DeidentificationConfigError extends DicomError {
  override readonly name = 'DeidentificationConfigError';
}
