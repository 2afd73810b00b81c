import { classifyBySuffixOrMagic } from '@fsxn/pipeline';
import { MAGIC_BYTES, sniffFormat } from './domain';

/** The reference's suffixes plus PNG (scanned invoices arrive as PNG as often as JPEG). */
export const DOCUMENT_SUFFIXES = ['.pdf', '.tiff', '.tif', '.jpeg', '.jpg', '.png'];

/**
 * Documents are in scope by suffix (a wrong one fails later with a reason); files without an extension
 * are in scope only when an 8-byte Range read finds a PDF, TIFF, PNG or JPEG signature.
 */
export const classifyObject = classifyBySuffixOrMagic({
  suffixes: DOCUMENT_SUFFIXES,
  probeBytes: MAGIC_BYTES,
  matches: (head) => sniffFormat(head) !== undefined,
  reasons: {
    wrongName: 'not a document file name',
    tooSmall: 'too small for a document',
    noMagic: 'no PDF, TIFF, PNG or JPEG signature',
  },
});
