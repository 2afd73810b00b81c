import { inflateSync, constants as zlibConstants } from 'node:zlib';
import { isDict, nameOf, type PdfDict, PdfKeyword, PdfLexer, PdfRef, type PdfValue, readValue } from './pdf-lexer';

/** An indirect object: its value and, for streams, the still-encoded data. */
export interface PdfObject {
  readonly value: PdfValue;
  readonly rawStream?: Uint8Array;
}

/**
 * All indirect objects of a file, found by scanning for `n g obj` headers rather than trusting the
 * cross-reference table (often wrong in generated or repaired files), plus the objects packed inside
 * object streams. A later definition of the same number wins, as with incremental updates.
 */
export class PdfObjects {
  private readonly objects = new Map<number, PdfObject>();

  constructor(readonly bytes: Uint8Array) {
    this.scanTopLevel();
    this.unpackObjectStreams();
  }

  get(num: number): PdfObject | undefined {
    return this.objects.get(num);
  }

  all(): IterableIterator<[number, PdfObject]> {
    return this.objects.entries();
  }

  /** Follows references (bounded, so a self-referencing object cannot loop). */
  resolve(value: PdfValue | undefined): PdfValue | undefined {
    let current = value;
    for (let hops = 0; current instanceof PdfRef && hops < 32; hops++) current = this.objects.get(current.num)?.value;
    return current instanceof PdfRef ? undefined : current;
  }

  resolveDict(value: PdfValue | undefined): PdfDict | undefined {
    const resolved = this.resolve(value);
    return isDict(resolved) ? resolved : undefined;
  }

  /** The decoded bytes of the stream `value` refers to, or `undefined` if it uses a filter we lack. */
  streamData(value: PdfValue | undefined): { dict: PdfDict; data: Uint8Array } | undefined {
    if (!(value instanceof PdfRef)) return undefined;
    const object = this.objects.get(value.num);
    if (object?.rawStream === undefined || !isDict(object.value)) return undefined;
    const data = decodeStream(object.value, object.rawStream, this);
    return data === undefined ? undefined : { dict: object.value, data };
  }

  private scanTopLevel(): void {
    const text = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength).toString('latin1');
    const header = /(\d+)\s+(\d+)\s+obj\b/g;
    for (let match = header.exec(text); match !== null; match = header.exec(text)) {
      const lexer = new PdfLexer(this.bytes, match.index + match[0].length);
      const value = readValue(lexer);
      if (value === undefined || value instanceof PdfKeyword) continue;
      const num = Number(match[1]);
      const streamStart = isDict(value) ? findStreamStart(this.bytes, lexer.pos) : undefined;
      if (streamStart === undefined || !isDict(value)) {
        this.objects.set(num, { value });
        header.lastIndex = lexer.pos;
        continue;
      }
      const streamEnd = findStreamEnd(text, this.bytes, streamStart, value.get('Length'));
      this.objects.set(num, { value, rawStream: this.bytes.subarray(streamStart, streamEnd) });
      // Continue after the data so binary content is never mistaken for an object header.
      header.lastIndex = streamEnd;
    }
  }

  private unpackObjectStreams(): void {
    for (const [, object] of [...this.objects]) {
      if (!isDict(object.value) || nameOf(object.value.get('Type')) !== 'ObjStm' || object.rawStream === undefined)
        continue;
      const data = decodeStream(object.value, object.rawStream, this);
      const count = object.value.get('N');
      const first = object.value.get('First');
      if (data === undefined || typeof count !== 'number' || typeof first !== 'number') continue;
      const headerLexer = new PdfLexer(data, 0, Math.min(first, data.length));
      for (let i = 0; i < count; i++) {
        const num = headerLexer.next();
        const offset = headerLexer.next();
        if (typeof num !== 'number' || typeof offset !== 'number') break;
        // Top-level definitions are newer than what an object stream holds only if written later;
        // keeping the top-level one is the common case for repaired files.
        if (this.objects.has(num)) continue;
        const value = readValue(new PdfLexer(data, first + offset));
        if (value !== undefined && !(value instanceof PdfKeyword)) this.objects.set(num, { value });
      }
    }
  }
}

/** Position of the first data byte after the `stream` keyword and its end-of-line, if one follows. */
function findStreamStart(bytes: Uint8Array, from: number): number | undefined {
  let pos = from;
  while (
    pos < bytes.length &&
    (bytes[pos] === 0x20 || bytes[pos] === 0x0a || bytes[pos] === 0x0d || bytes[pos] === 0x09)
  )
    pos++;
  const keyword = Buffer.from(bytes.subarray(pos, pos + 6)).toString('latin1');
  if (keyword !== 'stream') return undefined;
  pos += 6;
  if (bytes[pos] === 0x0d) pos++;
  if (bytes[pos] === 0x0a) pos++;
  return pos;
}

function findStreamEnd(text: string, bytes: Uint8Array, start: number, length: PdfValue | undefined): number {
  if (typeof length === 'number' && start + length <= bytes.length) {
    const after = text.slice(start + length, start + length + 12).trimStart();
    if (after.startsWith('endstream')) return start + length;
  }
  const end = text.indexOf('endstream', start);
  if (end < 0) return bytes.length;
  let trimmed = end;
  if (bytes[trimmed - 1] === 0x0a) trimmed--;
  if (bytes[trimmed - 1] === 0x0d) trimmed--;
  return Math.max(start, trimmed);
}

/** Applies the stream's filters in order; `undefined` when one of them is not supported here. */
export function decodeStream(dict: PdfDict, raw: Uint8Array, objects: PdfObjects): Uint8Array | undefined {
  const filterValue = objects.resolve(dict.get('Filter'));
  const filters = Array.isArray(filterValue)
    ? filterValue.map((f) => nameOf(f))
    : filterValue === undefined
      ? []
      : [nameOf(filterValue)];
  const parmsValue = objects.resolve(dict.get('DecodeParms'));
  const parms = Array.isArray(parmsValue)
    ? parmsValue.map((p) => objects.resolveDict(p))
    : [objects.resolveDict(parmsValue)];
  let data: Uint8Array = raw;
  for (const [index, filter] of filters.entries()) {
    const predictor = parms[index]?.get('Predictor');
    if (typeof predictor === 'number' && predictor > 1) return undefined;
    if (filter === 'FlateDecode' || filter === 'Fl') {
      const inflated = inflate(data);
      if (inflated === undefined) return undefined;
      data = inflated;
    } else if (filter === 'ASCIIHexDecode' || filter === 'AHx') data = asciiHexDecode(data);
    else if (filter === 'ASCII85Decode' || filter === 'A85') data = ascii85Decode(data);
    else return undefined;
  }
  return data;
}

// A hostile file can hold a tiny stream that inflates to gigabytes; no real content stream comes close.
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

/** Inflated bytes, or `undefined` for a stream that is corrupt or inflates past the cap (skipped). */
function inflate(data: Uint8Array): Uint8Array | undefined {
  try {
    return inflateSync(data, { maxOutputLength: MAX_INFLATED_BYTES });
  } catch {
    // Many writers leave a truncated or checksum-less zlib stream; take what inflates.
    try {
      return inflateSync(data, { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: MAX_INFLATED_BYTES });
    } catch {
      return undefined;
    }
  }
}

function asciiHexDecode(data: Uint8Array): Uint8Array {
  const text = Buffer.from(data).toString('latin1');
  const hex = text.slice(0, text.includes('>') ? text.indexOf('>') : text.length).replace(/[^0-9A-Fa-f]/g, '');
  return Buffer.from(hex.length % 2 === 1 ? `${hex}0` : hex, 'hex');
}

function ascii85Decode(data: Uint8Array): Uint8Array {
  const text = Buffer.from(data).toString('latin1').replace(/\s/g, '');
  const body = text.startsWith('<~') ? text.slice(2) : text;
  const end = body.indexOf('~>');
  const chars = end >= 0 ? body.slice(0, end) : body;
  const out: number[] = [];
  let group: number[] = [];
  const flush = (count: number): void => {
    let value = 0;
    for (const digit of group) value = value * 85 + digit;
    const bytes = [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
    out.push(...bytes.slice(0, count));
  };
  for (const char of chars) {
    if (char === 'z' && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    group.push(char.charCodeAt(0) - 33);
    if (group.length === 5) {
      flush(4);
      group = [];
    }
  }
  if (group.length > 1) {
    const count = group.length - 1;
    while (group.length < 5) group.push(84);
    flush(count);
  }
  return Uint8Array.from(out);
}
