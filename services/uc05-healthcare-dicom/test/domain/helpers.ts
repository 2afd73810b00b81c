import { parseDicom } from '../../src/domain';
import { type DicomElement, walkElements } from '../../src/domain/elements';
import { type Tag, tagOf } from '../../src/domain/tag';
import { createHmacUidMapper } from '../../src/domain/uid-mapper';
import { decodeLatin1, trimValue } from '../../src/domain/values';

export const TEST_SECRET = 'uc05-test-secret-0123456789';
export const uidMap = createHmacUidMapper({ secret: TEST_SECRET });

export const PIXEL_DATA = tagOf(0x7fe0, 0x0010);

/** Every (path, tag) → decoded string value in a file, nested elements included, for assertions. */
export const allElements = (
  bytes: Uint8Array,
): Array<{ element: DicomElement; path: readonly Tag[]; text: string }> => {
  const parsed = parseDicom(bytes);
  const out: Array<{ element: DicomElement; path: readonly Tag[]; text: string }> = [];
  walkElements(parsed.dataset.elements, (element, path) => {
    const raw = parsed.dataset.bytes.subarray(element.valueOffset, element.valueOffset + element.valueLength);
    out.push({ element, path, text: element.items === null ? trimValue('UI', decodeLatin1(raw)) : '' });
  });
  return out;
};

export const valuesOf = (bytes: Uint8Array, tag: Tag): string[] =>
  allElements(bytes)
    .filter((entry) => entry.element.tag === tag)
    .map((entry) => entry.text);

export const pixelValue = (bytes: Uint8Array): Uint8Array => {
  const parsed = parseDicom(bytes);
  const element = parsed.dataset.elements.find((candidate) => candidate.tag === PIXEL_DATA);
  if (element === undefined) throw new Error('no pixel data');
  return parsed.dataset.bytes.slice(element.valueOffset, element.valueOffset + element.valueLength);
};
