/** Base of every error the UC3 domain throws; `transient` is always false: bad input does not heal on retry. */
export class Uc03Error extends Error {
  override readonly name: string = 'Uc03Error';
  readonly transient: boolean = false;

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}

/** The CSV cannot be read as a whole (a record beyond the size bound, no header, invalid UTF-8). */
export class CsvFormatError extends Uc03Error {
  override readonly name = 'CsvFormatError';
}

/** The header lacks a column the sensor schema needs, or names one twice. */
export class SensorSchemaError extends Uc03Error {
  override readonly name = 'SensorSchemaError';
}

/** No row of the file could be turned into a reading. */
export class NoValidRowsError extends Uc03Error {
  override readonly name = 'NoValidRowsError';
}

/** The bytes are not a decodable PNG or JPEG (wrong format, truncated, corrupt, too large). */
export class ImageDecodeError extends Uc03Error {
  override readonly name = 'ImageDecodeError';
}
