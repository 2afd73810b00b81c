import { classifyBySuffixOrMagic } from '@fsxn/pipeline';
import { isDpxMagic, isExrMagic } from './domain';

/** Bytes a magic-number check needs. */
export const MAGIC_PROBE_BYTES = 4;
const SUFFIXES = ['.exr', '.dpx'];

/**
 * `.exr`/`.dpx` files are in scope by name (a wrong one fails later with a reason); files without an
 * extension are in scope only when a 4-byte Range read finds the EXR or DPX magic; everything else
 * (scene files, caches, movies) is not a render frame this service can check, and is ignored.
 */
export const classifyObject = classifyBySuffixOrMagic({
  suffixes: SUFFIXES,
  probeBytes: MAGIC_PROBE_BYTES,
  matches: (head) => isExrMagic(head) || isDpxMagic(head),
  reasons: {
    wrongName: 'not an EXR or DPX file name',
    tooSmall: 'too small for EXR or DPX',
    noMagic: 'no EXR or DPX magic number',
  },
});
