import { classifyBySuffixOrMagic } from '@fsxn/pipeline';
import { isDicomPart10 } from './domain';

/** Bytes a Part-10 check needs: the 128-byte preamble plus the `DICM` magic. */
export const MAGIC_PROBE_BYTES = 132;
const DICOM_SUFFIXES = ['.dcm', '.dicom'];

/**
 * `.dcm`/`.dicom` files are in scope by name (a wrong one fails later with a reason); files without an
 * extension are in scope only when a small Range read finds the `DICM` magic; everything else is ignored.
 */
export const classifyObject = classifyBySuffixOrMagic({
  suffixes: DICOM_SUFFIXES,
  probeBytes: MAGIC_PROBE_BYTES,
  matches: isDicomPart10,
  reasons: {
    wrongName: 'not a DICOM file name',
    tooSmall: 'too small for a DICOM Part-10 file',
    noMagic: 'no DICM magic at offset 128',
  },
});
