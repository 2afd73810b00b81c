import type { DiscoveryDecision, ObjectSummary } from '@fsxn/pipeline';
import { isDicomPart10 } from './domain';

/** Bytes a Part-10 check needs: the 128-byte preamble plus the `DICM` magic. */
export const MAGIC_PROBE_BYTES = 132;
const DICOM_SUFFIXES = ['.dcm', '.dicom'];

const basename = (key: string) => key.slice(key.lastIndexOf('/') + 1);

/**
 * `.dcm`/`.dicom` files are in scope by name (a wrong one fails later with a reason); files without an
 * extension are in scope only when a small Range read finds the `DICM` magic; everything else is ignored.
 */
export const classifyObject = async (
  obj: ObjectSummary,
  readPrefix: (key: string, bytes: number) => Promise<Uint8Array>,
): Promise<DiscoveryDecision> => {
  const name = basename(obj.key).toLowerCase();
  if (DICOM_SUFFIXES.some((s) => name.endsWith(s))) return { include: true };
  if (name.includes('.')) return { include: false, reason: 'not a DICOM file name' };
  if (obj.size < MAGIC_PROBE_BYTES) return { include: false, reason: 'too small for a DICOM Part-10 file' };
  const prefix = await readPrefix(obj.key, MAGIC_PROBE_BYTES);
  return isDicomPart10(prefix) ? { include: true } : { include: false, reason: 'no DICM magic at offset 128' };
};
