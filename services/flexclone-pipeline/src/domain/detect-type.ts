/** Leading bytes this pipeline reads per file in `metadata` mode (one Range GET). */
export const HEADER_BYTES = 1024;

interface Signature {
  readonly type: string;
  readonly offset: number;
  readonly bytes: readonly number[];
}

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** Well-known magic numbers; the first match wins, so longer/more specific ones come first. */
const SIGNATURES: readonly Signature[] = [
  { type: 'image/png', offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', offset: 0, bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/tiff', offset: 0, bytes: [0x49, 0x49, 0x2a, 0x00] },
  { type: 'image/tiff', offset: 0, bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { type: 'image/x-exr', offset: 0, bytes: [0x76, 0x2f, 0x31, 0x01] },
  { type: 'application/pdf', offset: 0, bytes: ascii('%PDF-') },
  { type: 'application/gzip', offset: 0, bytes: [0x1f, 0x8b] },
  { type: 'application/zip', offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
  { type: 'application/x-elf', offset: 0, bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { type: 'application/dicom', offset: 128, bytes: ascii('DICM') },
];

const matches = (header: Uint8Array, sig: Signature): boolean =>
  header.length >= sig.offset + sig.bytes.length && sig.bytes.every((b, i) => header[sig.offset + i] === b);

/** Printable ASCII, tab, CR, LF, or any byte ≥ 0x80 (UTF-8 continuation); no NUL or other controls. */
const looksLikeText = (header: Uint8Array): boolean =>
  header.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b !== 0x7f));

/**
 * The content type a file's first bytes announce: a magic number, else `text/plain` when the header has no
 * control bytes, else `application/octet-stream`. Empty files are `application/x-empty`.
 */
export const detectType = (header: Uint8Array): string => {
  if (header.length === 0) return 'application/x-empty';
  const sig = SIGNATURES.find((s) => matches(header, s));
  if (sig !== undefined) return sig.type;
  return looksLikeText(header) ? 'text/plain' : 'application/octet-stream';
};
