import type { DiscoveryDecision, ObjectSummary } from '@fsxn/pipeline';
import { MAGIC_BYTES, sniffFormat } from './domain';

/** The reference's suffixes plus PNG (scanned invoices arrive as PNG as often as JPEG). */
export const DOCUMENT_SUFFIXES = ['.pdf', '.tiff', '.tif', '.jpeg', '.jpg', '.png'];

const basename = (key: string) => key.slice(key.lastIndexOf('/') + 1);

/**
 * Documents are in scope by suffix (a wrong one fails later with a reason); files without an extension
 * are in scope only when an 8-byte Range read finds a PDF, TIFF, PNG or JPEG signature.
 */
export const classifyObject = async (
  obj: ObjectSummary,
  readPrefix: (key: string, bytes: number) => Promise<Uint8Array>,
): Promise<DiscoveryDecision> => {
  const name = basename(obj.key).toLowerCase();
  if (DOCUMENT_SUFFIXES.some((s) => name.endsWith(s))) return { include: true };
  if (name.includes('.')) return { include: false, reason: 'not a document file name' };
  if (obj.size < MAGIC_BYTES) return { include: false, reason: 'too small for a document' };
  const head = await readPrefix(obj.key, MAGIC_BYTES);
  return sniffFormat(head) === undefined
    ? { include: false, reason: 'no PDF, TIFF, PNG or JPEG signature' }
    : { include: true };
};
