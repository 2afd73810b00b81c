/** The one error base of this service's domain code: bad input, never a fault of the infrastructure. */
export class FinancialIdpError extends Error {
  override readonly name: string = 'FinancialIdpError';
  readonly transient: boolean = false;
}

/** The bytes are not a well-formed PDF, TIFF, PNG or JPEG (corrupt, truncated, or another format). */
export class DocumentFormatError extends FinancialIdpError {
  override readonly name = 'DocumentFormatError';
}

/** An output key could not be derived from the input key (it would leave the output prefix). */
export class OutputKeyError extends FinancialIdpError {
  override readonly name = 'OutputKeyError';
}
