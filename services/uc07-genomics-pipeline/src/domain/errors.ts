/**
 * Base of every error the genomics domain throws. All of them describe the input file (bad or truncated
 * bytes), so none is transient: retrying the same file cannot help, the item fails with the message.
 */
export class GenomicsError extends Error {
  override name = 'GenomicsError';
  readonly transient: boolean = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The compressed stream ends inside a gzip/BGZF member, or its bytes do not decompress. */
export class CompressionError extends GenomicsError {
  override name = 'CompressionError';
}

/** A line is longer than the configured bound: the file is not line-oriented text, or is hostile. */
export class LineTooLongError extends GenomicsError {
  override name = 'LineTooLongError';
}

/** Not a FASTQ file, or not one we can vouch for (too many malformed records, no reads). */
export class FastqFormatError extends GenomicsError {
  override name = 'FastqFormatError';
}

export class VcfFormatError extends GenomicsError {
  override name = 'VcfFormatError';
}

export class BamFormatError extends GenomicsError {
  override name = 'BamFormatError';
}
