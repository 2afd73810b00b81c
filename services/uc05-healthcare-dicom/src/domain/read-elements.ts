import { implicitVrOf } from './dictionary';
import type { DicomElement, DicomFragment, DicomItem } from './elements';
import { DicomParseError } from './errors';
import {
  formatTag,
  groupOf,
  ITEM,
  ITEM_DELIMITATION,
  PIXEL_DATA,
  SEQUENCE_DELIMITATION,
  type Tag,
  tagOf,
  UNDEFINED_LENGTH,
} from './tag';
import { type Encoding, IMPLICIT_LE } from './transfer-syntax';
import { hasLongLength, isVr, type Vr } from './vr';

/** Deeper nesting than any real object has; it bounds recursion on hostile input. */
const MAX_DEPTH = 64;

interface Cursor {
  readonly bytes: Uint8Array;
  readonly view: DataView;
}

export interface ReadOptions {
  readonly start: number;
  readonly end: number;
  /** Stop (without error) at the first element whose group differs: used for the file meta group. */
  readonly onlyGroup?: number;
}

export interface ReadResult {
  readonly elements: DicomElement[];
  /** Offset of the first byte not consumed. */
  readonly next: number;
}

const u16 = (cursor: Cursor, offset: number, encoding: Encoding): number =>
  cursor.view.getUint16(offset, encoding.littleEndian);
const u32 = (cursor: Cursor, offset: number, encoding: Encoding): number =>
  cursor.view.getUint32(offset, encoding.littleEndian);
const readTag = (cursor: Cursor, offset: number, encoding: Encoding): Tag =>
  tagOf(u16(cursor, offset, encoding), u16(cursor, offset + 2, encoding));

const need = (offset: number, count: number, limit: number, what: string, tag?: Tag): void => {
  if (offset + count > limit) {
    throw new DicomParseError(`truncated ${what}: needs ${count} bytes, ${Math.max(0, limit - offset)} left`, {
      offset,
      ...(tag === undefined ? {} : { tag: formatTag(tag) }),
    });
  }
};

/** Reads elements of one dataset or item between `start` and `end`. */
export const readElements = (bytes: Uint8Array, encoding: Encoding, options: ReadOptions): ReadResult => {
  if (options.end > bytes.length || options.start < 0 || options.start > options.end) {
    throw new DicomParseError('dataset bounds outside the input', { offset: options.start });
  }
  const cursor: Cursor = { bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  return readList(cursor, options.start, options.end, encoding, 0, false, options.onlyGroup);
};

const readList = (
  cursor: Cursor,
  start: number,
  limit: number,
  encoding: Encoding,
  depth: number,
  untilItemDelimiter: boolean,
  onlyGroup?: number,
): ReadResult => {
  if (depth > MAX_DEPTH) throw new DicomParseError(`sequences nested deeper than ${MAX_DEPTH}`, { offset: start });
  const elements: DicomElement[] = [];
  let offset = start;
  while (offset < limit) {
    need(offset, 4, limit, 'element tag');
    const tag = readTag(cursor, offset, encoding);
    if (onlyGroup !== undefined && groupOf(tag) !== onlyGroup) return { elements, next: offset };
    if (tag === ITEM_DELIMITATION) {
      if (!untilItemDelimiter) {
        throw new DicomParseError('item delimiter outside an undefined-length item', { offset, tag: formatTag(tag) });
      }
      need(offset, 8, limit, 'item delimiter', tag);
      return { elements, next: offset + 8 };
    }
    if (groupOf(tag) === 0xfffe) {
      throw new DicomParseError('item or sequence delimiter where a data element was expected', {
        offset,
        tag: formatTag(tag),
      });
    }
    const element = readElement(cursor, offset, limit, tag, encoding, depth);
    elements.push(element);
    offset = element.end;
  }
  if (untilItemDelimiter) throw new DicomParseError('undefined-length item has no item delimiter', { offset: limit });
  return { elements, next: offset };
};

interface Header {
  readonly vr: Vr;
  readonly length: number;
  readonly valueOffset: number;
}

const readHeader = (cursor: Cursor, offset: number, limit: number, tag: Tag, encoding: Encoding): Header => {
  if (!encoding.explicitVr) {
    need(offset, 8, limit, 'element header', tag);
    return { vr: implicitVrOf(tag), length: u32(cursor, offset + 4, encoding), valueOffset: offset + 8 };
  }
  need(offset, 8, limit, 'element header', tag);
  const vrText = String.fromCharCode(cursor.bytes[offset + 4] ?? 0, cursor.bytes[offset + 5] ?? 0);
  if (!isVr(vrText)) {
    throw new DicomParseError(`invalid VR bytes 0x${hexByte(cursor, offset + 4)}${hexByte(cursor, offset + 5)}`, {
      offset,
      tag: formatTag(tag),
    });
  }
  if (!hasLongLength(vrText)) {
    return { vr: vrText, length: u16(cursor, offset + 6, encoding), valueOffset: offset + 8 };
  }
  need(offset, 12, limit, 'element header', tag);
  return { vr: vrText, length: u32(cursor, offset + 8, encoding), valueOffset: offset + 12 };
};

const hexByte = (cursor: Cursor, offset: number): string =>
  (cursor.bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');

const startsWithItemTag = (cursor: Cursor, offset: number, limit: number): boolean =>
  offset + 8 <= limit && readTag(cursor, offset, IMPLICIT_LE) === ITEM;

const readElement = (
  cursor: Cursor,
  offset: number,
  limit: number,
  tag: Tag,
  encoding: Encoding,
  depth: number,
): DicomElement => {
  const header = readHeader(cursor, offset, limit, tag, encoding);
  const base = { tag, vr: header.vr, encoding, headerOffset: offset, valueOffset: header.valueOffset };
  if (header.length === UNDEFINED_LENGTH) {
    if (tag === PIXEL_DATA && header.vr !== 'SQ') {
      const { fragments, valueEnd, end } = readFragments(cursor, header.valueOffset, limit, encoding);
      return {
        ...base,
        valueLength: valueEnd - header.valueOffset,
        undefinedLength: true,
        end,
        items: null,
        fragments,
      };
    }
    if (header.vr === 'SQ' || header.vr === 'UN') {
      // CP-246: an undefined-length UN is a sequence whose content is implicit VR little endian.
      const itemEncoding = header.vr === 'UN' && encoding.explicitVr ? IMPLICIT_LE : encoding;
      const sequence = readItems(cursor, header.valueOffset, limit, true, itemEncoding, depth + 1);
      return {
        ...base,
        valueLength: sequence.valueEnd - header.valueOffset,
        undefinedLength: true,
        end: sequence.end,
        items: sequence.items,
        fragments: null,
      };
    }
    throw new DicomParseError(`undefined length on a ${header.vr} element`, { offset, tag: formatTag(tag) });
  }
  const valueEnd = header.valueOffset + header.length;
  if (valueEnd > limit) {
    throw new DicomParseError(
      `value length ${header.length} exceeds the ${Math.max(0, limit - header.valueOffset)} bytes left`,
      { offset, tag: formatTag(tag) },
    );
  }
  const defined = { ...base, valueLength: header.length, undefinedLength: false, end: valueEnd, fragments: null };
  if (header.vr === 'SQ') {
    return { ...defined, items: readItems(cursor, header.valueOffset, valueEnd, false, encoding, depth + 1).items };
  }
  if (header.vr === 'UN' && startsWithItemTag(cursor, header.valueOffset, valueEnd)) {
    // A sequence the reader's dictionary does not know (implicit VR) or a UN-encoded one: read it as items
    // so nested identifiers are still reachable; if it is not one after all, keep it as opaque bytes.
    const itemEncoding = encoding.explicitVr ? IMPLICIT_LE : encoding;
    try {
      return {
        ...defined,
        items: readItems(cursor, header.valueOffset, valueEnd, false, itemEncoding, depth + 1).items,
      };
    } catch (error) {
      if (!(error instanceof DicomParseError)) throw error;
    }
  }
  return { ...defined, items: null };
};

interface SequenceRead {
  readonly items: DicomItem[];
  readonly valueEnd: number;
  readonly end: number;
}

const readItems = (
  cursor: Cursor,
  start: number,
  limit: number,
  undefinedLength: boolean,
  encoding: Encoding,
  depth: number,
): SequenceRead => {
  if (depth > MAX_DEPTH) throw new DicomParseError(`sequences nested deeper than ${MAX_DEPTH}`, { offset: start });
  const items: DicomItem[] = [];
  let offset = start;
  while (offset < limit) {
    need(offset, 8, limit, 'item header');
    const tag = readTag(cursor, offset, encoding);
    if (tag === SEQUENCE_DELIMITATION && undefinedLength) return { items, valueEnd: offset, end: offset + 8 };
    if (tag !== ITEM) throw new DicomParseError('expected an item tag (FFFE,E000)', { offset, tag: formatTag(tag) });
    const length = u32(cursor, offset + 4, encoding);
    const valueOffset = offset + 8;
    if (length === UNDEFINED_LENGTH) {
      const content = readList(cursor, valueOffset, limit, encoding, depth + 1, true);
      items.push({
        headerOffset: offset,
        valueOffset,
        undefinedLength: true,
        end: content.next,
        elements: content.elements,
      });
      offset = content.next;
      continue;
    }
    if (valueOffset + length > limit) {
      throw new DicomParseError(`item length ${length} exceeds the ${limit - valueOffset} bytes left`, { offset });
    }
    const content = readList(cursor, valueOffset, valueOffset + length, encoding, depth + 1, false);
    items.push({
      headerOffset: offset,
      valueOffset,
      undefinedLength: false,
      end: valueOffset + length,
      elements: content.elements,
    });
    offset = valueOffset + length;
  }
  if (undefinedLength)
    throw new DicomParseError('undefined-length sequence has no sequence delimiter', { offset: limit });
  return { items, valueEnd: offset, end: offset };
};

const readFragments = (
  cursor: Cursor,
  start: number,
  limit: number,
  encoding: Encoding,
): { fragments: DicomFragment[]; valueEnd: number; end: number } => {
  const fragments: DicomFragment[] = [];
  let offset = start;
  while (offset < limit) {
    need(offset, 8, limit, 'pixel data fragment header', PIXEL_DATA);
    const tag = readTag(cursor, offset, encoding);
    if (tag === SEQUENCE_DELIMITATION) return { fragments, valueEnd: offset, end: offset + 8 };
    if (tag !== ITEM) {
      throw new DicomParseError('expected a pixel data fragment item (FFFE,E000)', { offset, tag: formatTag(tag) });
    }
    const length = u32(cursor, offset + 4, encoding);
    if (length === UNDEFINED_LENGTH || offset + 8 + length > limit) {
      throw new DicomParseError('pixel data fragment length exceeds the input', { offset, tag: formatTag(PIXEL_DATA) });
    }
    fragments.push({ headerOffset: offset, valueOffset: offset + 8, length });
    offset += 8 + length;
  }
  throw new DicomParseError('encapsulated pixel data has no sequence delimiter', {
    offset: limit,
    tag: formatTag(PIXEL_DATA),
  });
};
