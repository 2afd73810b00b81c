import type { Tag } from './tag';
import type { Encoding } from './transfer-syntax';
import type { Vr } from './vr';

/** One fragment of encapsulated pixel data (the first is the Basic Offset Table). */
export interface DicomFragment {
  readonly headerOffset: number;
  readonly valueOffset: number;
  readonly length: number;
}

/**
 * One data element located in a byte stream. Values are not copied: `valueOffset`/`valueLength` point into
 * the stream, so a rewrite can copy untouched elements byte for byte.
 */
export interface DicomElement {
  readonly tag: Tag;
  readonly vr: Vr;
  /** How this element's header was encoded (items of a UN sequence are implicit VR little endian). */
  readonly encoding: Encoding;
  readonly headerOffset: number;
  readonly valueOffset: number;
  /** Bytes of content, excluding any sequence delimiter. */
  readonly valueLength: number;
  readonly undefinedLength: boolean;
  /** First byte after the element, delimiters included. */
  readonly end: number;
  /** Items when the element is a sequence (SQ, or UN/implicit content that turned out to be one). */
  readonly items: readonly DicomItem[] | null;
  /** Fragments when the element is encapsulated pixel data. */
  readonly fragments: readonly DicomFragment[] | null;
}

export interface DicomItem {
  readonly headerOffset: number;
  readonly valueOffset: number;
  readonly undefinedLength: boolean;
  readonly end: number;
  readonly elements: readonly DicomElement[];
}

/** A parsed dataset: the stream its offsets refer to, its encoding and its top-level elements. */
export interface DicomDataset {
  readonly bytes: Uint8Array;
  readonly encoding: Encoding;
  readonly elements: readonly DicomElement[];
}

export const valueBytes = (bytes: Uint8Array, element: DicomElement): Uint8Array =>
  bytes.subarray(element.valueOffset, element.valueOffset + element.valueLength);

export const findElement = (elements: readonly DicomElement[], tag: Tag): DicomElement | undefined =>
  elements.find((element) => element.tag === tag);

/** Visits every element depth first, with the chain of sequence tags above it. */
export const walkElements = (
  elements: readonly DicomElement[],
  visit: (element: DicomElement, path: readonly Tag[]) => void,
  path: readonly Tag[] = [],
): void => {
  for (const element of elements) {
    visit(element, path);
    for (const item of element.items ?? []) walkElements(item.elements, visit, [...path, element.tag]);
  }
};
