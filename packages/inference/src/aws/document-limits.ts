import { countPdfPages } from '../local/pdf/pdf-text';

/** Textract synchronous limits for `Document.Bytes`: 5 MB and one page for PDF/TIFF. */
export const TEXTRACT_SYNC_MAX_BYTES = 5 * 1024 * 1024;
export const TEXTRACT_SYNC_MAX_PAGES = 1;
export const TEXTRACT_FORMATS = ['application/pdf', 'image/png', 'image/jpeg', 'image/jpg', 'image/tiff'] as const;

/** Number of images (IFDs) in a TIFF, following the IFD chain; bounded against loops. */
export function countTiffPages(bytes: Uint8Array): number {
  if (bytes.length < 8) return 0;
  const little = bytes[0] === 0x49 && bytes[1] === 0x49;
  const big = bytes[0] === 0x4d && bytes[1] === 0x4d;
  if (!little && !big) return 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(2, little) !== 42) return 0;
  let offset = view.getUint32(4, little);
  const seen = new Set<number>();
  while (offset !== 0 && offset + 2 <= bytes.length && !seen.has(offset) && seen.size < 10_000) {
    seen.add(offset);
    const entries = view.getUint16(offset, little);
    const next = offset + 2 + entries * 12;
    if (next + 4 > bytes.length) break;
    offset = view.getUint32(next, little);
  }
  return seen.size;
}

/** Pages in a document Textract would count, for formats that can have more than one. */
export function countPages(bytes: Uint8Array, mimeType: string): number {
  if (mimeType === 'application/pdf') return countPdfPages(bytes);
  if (mimeType === 'image/tiff') return countTiffPages(bytes);
  return 1;
}
