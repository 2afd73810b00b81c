import type { DiscoveryDecision, ObjectSummary } from '@fsxn/pipeline';
import { isDpxMagic, isExrMagic } from './domain';

/** Bytes a magic-number check needs. */
export const MAGIC_PROBE_BYTES = 4;
const SUFFIXES = ['.exr', '.dpx'];

const basename = (key: string) => key.slice(key.lastIndexOf('/') + 1);

/**
 * `.exr`/`.dpx` files are in scope by name (a wrong one fails later with a reason); files without an
 * extension are in scope only when a 4-byte Range read finds the EXR or DPX magic; everything else
 * (scene files, caches, movies) is not a render frame this service can check, and is ignored.
 */
export const classifyObject = async (
  obj: ObjectSummary,
  readPrefix: (key: string, bytes: number) => Promise<Uint8Array>,
): Promise<DiscoveryDecision> => {
  const name = basename(obj.key).toLowerCase();
  if (SUFFIXES.some((s) => name.endsWith(s))) return { include: true };
  if (name.includes('.')) return { include: false, reason: 'not an EXR or DPX file name' };
  if (obj.size < MAGIC_PROBE_BYTES) return { include: false, reason: 'too small for EXR or DPX' };
  const prefix = await readPrefix(obj.key, MAGIC_PROBE_BYTES);
  return isExrMagic(prefix) || isDpxMagic(prefix)
    ? { include: true }
    : { include: false, reason: 'no EXR or DPX magic number' };
};
