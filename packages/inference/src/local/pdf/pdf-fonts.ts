import { isDict, nameOf, type PdfDict, PdfKeyword, PdfLexer, PdfString } from './pdf-lexer';
import type { PdfObjects } from './pdf-objects';

/** Turns the bytes of a shown string into text; `undefined` when the font gives no way to do so. */
export interface FontDecoder {
  decode(bytes: Uint8Array): string | undefined;
}

// WinAnsiEncoding differs from Latin-1 only in 0x80–0x9F (ISO 32000-1 Annex D.2).
const WIN_ANSI_HIGH: Readonly<Record<number, string>> = {
  128: '€',
  130: '‚',
  131: 'ƒ',
  132: '„',
  133: '…',
  134: '†',
  135: '‡',
  136: 'ˆ',
  137: '‰',
  138: 'Š',
  139: '‹',
  140: 'Œ',
  142: 'Ž',
  145: '‘',
  146: '’',
  147: '“',
  148: '”',
  149: '•',
  150: '–',
  151: '—',
  152: '˜',
  153: '™',
  154: 'š',
  155: '›',
  156: 'œ',
  158: 'ž',
  159: 'Ÿ',
};

const codeOf = (bytes: Uint8Array): number => bytes.reduce((code, b) => code * 256 + b, 0);

function utf16be(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2)
    out += String.fromCharCode(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  return out;
}

/** A ToUnicode CMap: code → text, and how many bytes a code takes. */
export interface ToUnicodeMap {
  readonly map: Map<number, string>;
  readonly codeBytes: number;
}

/** Parses the `bfchar`/`bfrange` sections of a ToUnicode CMap (ISO 32000-1 §9.10.3). */
export function parseToUnicode(data: Uint8Array): ToUnicodeMap {
  const lexer = new PdfLexer(data);
  const map = new Map<number, string>();
  let codeBytes = 0;
  let section: 'bfchar' | 'bfrange' | 'codespace' | undefined;
  const pending: (PdfString | PdfString[])[] = [];
  for (let token = lexer.next(); token !== undefined; token = lexer.next()) {
    if (token instanceof PdfKeyword) {
      if (token.value === 'beginbfchar') section = 'bfchar';
      else if (token.value === 'beginbfrange') section = 'bfrange';
      else if (token.value === 'begincodespacerange') section = 'codespace';
      else if (token.value.startsWith('end')) section = undefined;
      pending.length = 0;
      continue;
    }
    if (token === '[') {
      const items: PdfString[] = [];
      for (let item = lexer.next(); item !== undefined && item !== ']'; item = lexer.next()) {
        if (item instanceof PdfString) items.push(item);
      }
      pending.push(items);
    } else if (token instanceof PdfString) pending.push(token);
    else continue;
    if (section === 'codespace' && pending.length === 2) {
      const low = pending[0];
      if (low instanceof PdfString) codeBytes = Math.max(codeBytes, low.bytes.length);
      pending.length = 0;
    } else if (section === 'bfchar' && pending.length === 2) {
      const [source, target] = pending;
      if (source instanceof PdfString && target instanceof PdfString) {
        map.set(codeOf(source.bytes), utf16be(target.bytes));
        codeBytes ||= source.bytes.length;
      }
      pending.length = 0;
    } else if (section === 'bfrange' && pending.length === 3) {
      const [low, high, target] = pending;
      if (low instanceof PdfString && high instanceof PdfString) {
        addRange(map, codeOf(low.bytes), codeOf(high.bytes), target);
        codeBytes ||= low.bytes.length;
      }
      pending.length = 0;
    }
  }
  return { map, codeBytes: codeBytes || 1 };
}

function addRange(
  map: Map<number, string>,
  low: number,
  high: number,
  target: PdfString | PdfString[] | undefined,
): void {
  // A malformed range could claim millions of codes; no real font needs more than 65,536.
  const last = Math.min(high, low + 0xffff);
  for (let code = low; code <= last; code++) {
    if (Array.isArray(target)) {
      const item = target[code - low];
      if (item !== undefined) map.set(code, utf16be(item.bytes));
    } else if (target !== undefined) {
      // The last UTF-16 unit increments with the code.
      const base = utf16be(target.bytes);
      const tail = base.charCodeAt(base.length - 1) + (code - low);
      map.set(code, base.slice(0, -1) + String.fromCharCode(tail));
    }
  }
}

function simpleFontDecoder(toUnicode: ToUnicodeMap | undefined): FontDecoder {
  return {
    decode(bytes) {
      let out = '';
      for (const b of bytes) out += toUnicode?.map.get(b) ?? WIN_ANSI_HIGH[b] ?? String.fromCharCode(b);
      return out;
    },
  };
}

function compositeFontDecoder(toUnicode: ToUnicodeMap | undefined): FontDecoder {
  return {
    decode(bytes) {
      // Without a ToUnicode map, CIDs of an embedded subset font say nothing about the characters.
      if (toUnicode === undefined) return undefined;
      const width = toUnicode.codeBytes;
      let out = '';
      for (let i = 0; i + width <= bytes.length; i += width)
        out += toUnicode.map.get(codeOf(bytes.subarray(i, i + width))) ?? '';
      return out;
    },
  };
}

/** Used when a content stream names a font its resources lack: treat the bytes as WinAnsi. */
export const FALLBACK_DECODER: FontDecoder = simpleFontDecoder(undefined);

/** The decoder for a font dictionary: ToUnicode when present, WinAnsi for simple fonts otherwise. */
export function fontDecoder(font: PdfDict | undefined, objects: PdfObjects): FontDecoder {
  const stream = font === undefined ? undefined : objects.streamData(font.get('ToUnicode'));
  const toUnicode = stream === undefined ? undefined : parseToUnicode(stream.data);
  return font !== undefined && nameOf(font.get('Subtype')) === 'Type0'
    ? compositeFontDecoder(toUnicode)
    : simpleFontDecoder(toUnicode);
}

/** Decoders for every font named in a resource dictionary. */
export function fontsOf(resources: PdfDict | undefined, objects: PdfObjects): Map<string, FontDecoder> {
  const fonts = new Map<string, FontDecoder>();
  const fontDict = objects.resolveDict(resources?.get('Font'));
  if (fontDict === undefined) return fonts;
  for (const [name, value] of fontDict) {
    const font = objects.resolve(value);
    fonts.set(name, fontDecoder(isDict(font) ? font : undefined, objects));
  }
  return fonts;
}
