import { classifyBySuffixOrMagic } from '@fsxn/pipeline';
import { type LayoutFormat, sniffLayoutFormat } from './domain';

/** Bytes a format check needs: the OASIS magic is 13 bytes, a GDSII HEADER record 6. */
export const MAGIC_PROBE_BYTES = 16;

const SUFFIXES: readonly [string, LayoutFormat][] = [
  ['.gds', 'GDSII'],
  ['.gds2', 'GDSII'],
  ['.gdsii', 'GDSII'],
  ['.oas', 'OASIS'],
  ['.oasis', 'OASIS'],
];

const basename = (key: string) => key.slice(key.lastIndexOf('/') + 1);

/** The format a file claims by its name (the reference's suffixes plus `.gdsii`), if any. */
export const formatByName = (key: string): LayoutFormat | undefined => {
  const name = basename(key).toLowerCase();
  return SUFFIXES.find(([suffix]) => name.endsWith(suffix))?.[1];
};

/**
 * Layout suffixes are in scope by name (a wrong file fails later with a reason); extension-less files are
 * in scope when a 16-byte Range read finds GDSII's HEADER record or the OASIS magic; the rest is ignored.
 */
export const classifyObject = classifyBySuffixOrMagic({
  suffixes: SUFFIXES.map(([suffix]) => suffix),
  probeBytes: MAGIC_PROBE_BYTES,
  // A GDSII HEADER record is 6 bytes: files that short can still be layouts.
  minBytes: 6,
  matches: (head) => sniffLayoutFormat(head) !== undefined,
  reasons: {
    wrongName: 'not a layout file name',
    tooSmall: 'too small for a layout file',
    noMagic: 'no GDSII or OASIS magic',
  },
});
