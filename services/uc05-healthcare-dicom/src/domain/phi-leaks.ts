import { profileRuleFor } from './confidentiality-profile';
import { keywordOf, lookupTag } from './dictionary';
import { DEFAULT_DUMMY_VALUES } from './dummy-values';
import { type DicomElement, valueBytes, walkElements } from './elements';
import type { ParsedDicom } from './parse-dicom';
import { readDicomFile } from './read-file';
import { formatTag, isPrivateTag, PIXEL_DATA, type Tag } from './tag';
import { decodeLatin1, trimValue } from './values';
import { isStringVr, type Vr } from './vr';

export type PhiLeakKind =
  /** An attribute the profile removes (X) is still there. */
  | 'attribute-present'
  /** An attribute the profile empties (Z) still has a value. */
  | 'attribute-not-empty'
  | 'private-attribute'
  /** Bytes of an original identifying value occur somewhere outside the pixel data. */
  | 'value-present'
  /** An original instance/study/series/frame-of-reference UID occurs somewhere. */
  | 'uid-present';

/** A leak, located without repeating the leaked value. */
export interface PhiLeak {
  readonly kind: PhiLeakKind;
  /** For value/uid leaks: the original attribute the value came from. */
  readonly tag: string;
  readonly keyword: string;
  /** For value/uid leaks: byte offset in the de-identified dataset stream and the element found there. */
  readonly offset?: number;
  readonly foundIn?: string;
}

interface Needle {
  readonly bytes: Uint8Array;
  readonly tag: Tag;
  readonly uid: boolean;
}

/** Shorter fragments (sex codes, initials) match too much by chance; the attribute checks cover them. */
const MIN_NEEDLE_BYTES = 4;
/** Numeric VRs (age, size, weight) match unrelated numbers; the attribute checks cover them. */
const NUMERIC_VRS: ReadonlySet<Vr> = new Set<Vr>(['AS', 'DS', 'IS']);
const DUMMY_TEXTS = Object.values(DEFAULT_DUMMY_VALUES);

const semanticVr = (element: DicomElement): Vr =>
  element.vr === 'UN' ? (lookupTag(element.tag)?.vr ?? 'UN') : element.vr;

const splitBytes = (bytes: Uint8Array, separators: readonly number[]): Uint8Array[] => {
  const parts: Uint8Array[] = [];
  let start = 0;
  for (let index = 0; index <= bytes.length; index++) {
    if (index === bytes.length || separators.includes(bytes[index] ?? -1)) {
      parts.push(bytes.subarray(start, index));
      start = index + 1;
    }
  }
  return parts;
};

const trimBytes = (bytes: Uint8Array): Uint8Array => {
  let start = 0;
  let end = bytes.length;
  while (start < end && (bytes[start] === 0x20 || bytes[start] === 0x00)) start++;
  while (end > start && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0x00)) end--;
  return bytes.subarray(start, end);
};

/** Identifying values of the original: components of X/Z/D text values, and every U-action UID. */
const collectNeedles = (original: ParsedDicom): Needle[] => {
  const needles: Needle[] = [];
  const visit = (bytes: Uint8Array) => (element: DicomElement) => {
    const rule = profileRuleFor(element.tag);
    if (rule === undefined || rule.action === 'K' || element.items !== null || isPrivateTag(element.tag)) return;
    const vr = semanticVr(element);
    if (!isStringVr(vr) || NUMERIC_VRS.has(vr)) return;
    const raw = valueBytes(bytes, element);
    const uid = vr === 'UI';
    // Multi-values split on "\", person names also on their component (^) and group (=) separators.
    const parts = splitBytes(raw, vr === 'PN' ? [0x5c, 0x5e, 0x3d] : [0x5c]).map(trimBytes);
    for (const part of parts) {
      if (part.length < MIN_NEEDLE_BYTES) continue;
      const text = decodeLatin1(part);
      if (!uid && DUMMY_TEXTS.some((dummy) => dummy.includes(text))) continue;
      needles.push({ bytes: part, tag: element.tag, uid });
    }
  };
  if (original.meta !== null) walkElements(original.meta.elements, visit(original.meta.bytes));
  walkElements(original.dataset.elements, visit(original.dataset.bytes));
  return needles;
};

const isUidChar = (byte: number | undefined): boolean =>
  byte !== undefined && (byte === 0x2e || (byte >= 0x30 && byte <= 0x39));

/** Offsets of `needle` in `haystack[from, to)`; UIDs only match whole (not as a prefix of a longer UID). */
const findAll = (haystack: Buffer, needle: Needle, from: number, to: number): number[] => {
  const hits: number[] = [];
  for (
    let at = haystack.indexOf(needle.bytes, from);
    at !== -1 && at + needle.bytes.length <= to;
    at = haystack.indexOf(needle.bytes, at + 1)
  ) {
    const whole = !isUidChar(haystack[at - 1]) && !isUidChar(haystack[at + needle.bytes.length]);
    if (!needle.uid || whole) hits.push(at);
  }
  return hits;
};

const innermostAt = (elements: readonly DicomElement[], offset: number): DicomElement | undefined => {
  let found: DicomElement | undefined;
  walkElements(elements, (element) => {
    if (offset >= element.headerOffset && offset < element.end) found = element;
  });
  return found;
};

/**
 * Re-reads a de-identified file and reports what should not be there: removed or emptied attributes,
 * private attributes, any original identifying text value or original UID anywhere in the dataset or meta
 * bytes (pixel data excluded: it is kept byte-identical on purpose). Throws `DicomParseError` if the output
 * does not parse.
 */
export const findPhiLeaks = (original: ParsedDicom, deidentifiedBytes: Uint8Array): PhiLeak[] => {
  const output = readDicomFile(deidentifiedBytes);
  const leaks: PhiLeak[] = [];
  const checkAttribute = (bytes: Uint8Array) => (element: DicomElement) => {
    const tag = formatTag(element.tag);
    const keyword = keywordOf(element.tag);
    if (isPrivateTag(element.tag)) {
      leaks.push({ kind: 'private-attribute', tag, keyword });
      return;
    }
    const action = profileRuleFor(element.tag)?.action;
    if (action === 'X') leaks.push({ kind: 'attribute-present', tag, keyword });
    const hasValue =
      element.items === null
        ? trimValue('LT', decodeLatin1(valueBytes(bytes, element))) !== ''
        : element.items.length > 0;
    if (action === 'Z' && hasValue) leaks.push({ kind: 'attribute-not-empty', tag, keyword });
  };
  if (output.meta !== null) walkElements(output.meta.elements, checkAttribute(output.meta.bytes));
  walkElements(output.dataset.elements, checkAttribute(output.dataset.bytes));

  const needles = collectNeedles(original);
  const searchIn = (bytes: Uint8Array, elements: readonly DicomElement[]): void => {
    const haystack = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const first = elements[0];
    const last = elements.at(-1);
    if (first === undefined || last === undefined) return;
    // Only the bytes these elements occupy: meta and dataset share one buffer unless the file is deflated.
    const pixel = elements.find((element) => element.tag === PIXEL_DATA);
    const ranges: Array<[number, number]> =
      pixel === undefined
        ? [[first.headerOffset, last.end]]
        : [
            [first.headerOffset, pixel.headerOffset],
            [pixel.end, last.end],
          ];
    for (const needle of needles) {
      for (const [from, to] of ranges) {
        for (const offset of findAll(haystack, needle, from, to)) {
          const container = innermostAt(elements, offset);
          leaks.push({
            kind: needle.uid ? 'uid-present' : 'value-present',
            tag: formatTag(needle.tag),
            keyword: keywordOf(needle.tag),
            offset,
            ...(container === undefined ? {} : { foundIn: formatTag(container.tag) }),
          });
        }
      }
    }
  };
  if (output.meta !== null) searchIn(output.meta.bytes, output.meta.elements);
  searchIn(output.dataset.bytes, output.dataset.elements);
  return leaks;
};
