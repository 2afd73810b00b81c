import { type DicomElement, valueBytes } from './elements';
import { DicomError } from './errors';
import type { Encoding } from './transfer-syntax';
import { BINARY_WIDTH, isMultiValuedString, paddingByteOf, type Vr } from './vr';

/** Decodes value bytes to text for one Specific Character Set. */
export type TextDecoderFn = (bytes: Uint8Array) => string;

/** ISO-8859-1 exactly (WHATWG "latin1" is windows-1252): one byte, one code point. */
export const decodeLatin1: TextDecoderFn = (bytes) => {
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    text += String.fromCharCode(...bytes.subarray(start, start + 8192));
  }
  return text;
};

/** Defined terms of (0008,0005) mapped to WHATWG encodings; ISO 2022 escapes fall back to byte-per-char. */
const CHARSETS: Readonly<Record<string, string>> = {
  'ISO_IR 101': 'iso-8859-2',
  'ISO_IR 109': 'iso-8859-3',
  'ISO_IR 110': 'iso-8859-4',
  'ISO_IR 144': 'iso-8859-5',
  'ISO_IR 127': 'iso-8859-6',
  'ISO_IR 126': 'iso-8859-7',
  'ISO_IR 138': 'iso-8859-8',
  'ISO_IR 148': 'iso-8859-9',
  'ISO_IR 13': 'shift_jis',
  'ISO_IR 166': 'windows-874',
  'ISO_IR 192': 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
};

/** The decoder for a Specific Character Set value list (first listed term; UTF-8 wins if present). */
export const decoderFor = (specificCharacterSet: readonly string[]): TextDecoderFn => {
  const terms = specificCharacterSet.map((term) => term.trim());
  const label = terms.includes('ISO_IR 192') ? 'utf-8' : CHARSETS[terms.find((term) => term !== '') ?? ''];
  if (label === undefined) return decodeLatin1;
  const decoder = new TextDecoder(label);
  return (bytes) => decoder.decode(bytes);
};

const TEXT_VRS: ReadonlySet<Vr> = new Set<Vr>(['LT', 'ST', 'UT']);

/**
 * Strips the padding PS3.5 allows: trailing spaces (and NULs some writers use) everywhere, leading spaces
 * except in LT/ST/UT where they are significant.
 */
export const trimValue = (vr: Vr, text: string): string => {
  const trailing = text.replace(/[ \0]+$/u, '');
  return TEXT_VRS.has(vr) ? trailing : trailing.replace(/^ +/u, '');
};

/** The text of a string element, padding removed (multiple values stay joined with a backslash). */
export const readText = (bytes: Uint8Array, element: DicomElement, decode: TextDecoderFn): string =>
  trimValue(
    element.vr,
    element.vr === 'UI' ? decodeLatin1(valueBytes(bytes, element)) : decode(valueBytes(bytes, element)),
  );

export const splitValues = (vr: Vr, text: string): string[] =>
  isMultiValuedString(vr) ? text.split('\\').map((value) => trimValue(vr, value)) : [text];

/** Numbers of a binary element (US, SS, UL, SL, FL, FD, …); empty when the VR is not numeric. */
export const readNumbers = (bytes: Uint8Array, element: DicomElement, encoding: Encoding): number[] => {
  const width = BINARY_WIDTH[element.vr];
  if (width === undefined) return [];
  const raw = valueBytes(bytes, element);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const values: number[] = [];
  for (let offset = 0; offset + width <= raw.length; offset += width) {
    values.push(readNumberAt(view, offset, element.vr, encoding.littleEndian));
  }
  return values;
};

const readNumberAt = (view: DataView, offset: number, vr: Vr, littleEndian: boolean): number => {
  switch (vr) {
    case 'SS':
      return view.getInt16(offset, littleEndian);
    case 'UL':
    case 'OL':
      return view.getUint32(offset, littleEndian);
    case 'SL':
      return view.getInt32(offset, littleEndian);
    case 'FL':
    case 'OF':
      return view.getFloat32(offset, littleEndian);
    case 'FD':
    case 'OD':
      return view.getFloat64(offset, littleEndian);
    case 'SV':
      return Number(view.getBigInt64(offset, littleEndian));
    case 'UV':
    case 'OV':
      return Number(view.getBigUint64(offset, littleEndian));
    default:
      return view.getUint16(offset, littleEndian);
  }
};

/** ASCII/Latin-1 encoding of a string value, padded to even length with the VR's padding byte. */
export const encodeText = (vr: Vr, text: string): Uint8Array => {
  const padded = text.length % 2 === 1 ? text.length + 1 : text.length;
  const out = new Uint8Array(padded);
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code > 0xff) throw new DicomError(`character U+${code.toString(16)} cannot be written as Latin-1`);
    out[index] = code;
  }
  if (padded > text.length) out[text.length] = paddingByteOf(vr);
  return out;
};

/** Binary encoding of unsigned 16/32-bit values in the stream's byte order. */
export const encodeUnsigned = (vr: 'US' | 'UL', values: readonly number[], littleEndian: boolean): Uint8Array => {
  const width = vr === 'US' ? 2 : 4;
  const out = new Uint8Array(values.length * width);
  const view = new DataView(out.buffer);
  values.forEach((value, index) => {
    if (vr === 'US') view.setUint16(index * width, value, littleEndian);
    else view.setUint32(index * width, value, littleEndian);
  });
  return out;
};
