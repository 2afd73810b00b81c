/**
 * Tokeniser and object parser for the PDF syntax (ISO 32000-1 §7.2–7.3), enough for object bodies,
 * content streams and ToUnicode CMaps. Works on raw bytes; strings stay bytes until a font decodes them.
 */

export class PdfName {
  constructor(readonly value: string) {}
}
export class PdfString {
  constructor(readonly bytes: Uint8Array) {}
}
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
/** A bare keyword: an operator in a content stream, or `R`/`obj`/`stream` while parsing objects. */
export class PdfKeyword {
  constructor(readonly value: string) {}
}

export type PdfValue = number | boolean | null | PdfName | PdfString | PdfRef | PdfValue[] | PdfDict;
export type PdfDict = Map<string, PdfValue>;

type Token = number | PdfName | PdfString | PdfKeyword | '[' | ']' | '<<' | '>>' | '{' | '}';

const isWhite = (b: number): boolean =>
  b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;
const isDelimiter = (b: number): boolean =>
  b === 0x28 ||
  b === 0x29 ||
  b === 0x3c ||
  b === 0x3e ||
  b === 0x5b ||
  b === 0x5d ||
  b === 0x7b ||
  b === 0x7d ||
  b === 0x2f ||
  b === 0x25;
const isRegular = (b: number): boolean => !isWhite(b) && !isDelimiter(b);
const hexValue = (b: number): number => {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
};
const latin1 = (bytes: Uint8Array, from: number, to: number): string =>
  Buffer.from(bytes.subarray(from, to)).toString('latin1');

export class PdfLexer {
  pos: number;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  skipWhitespaceAndComments(): void {
    while (this.pos < this.end) {
      const b = this.bytes[this.pos] ?? 0;
      if (isWhite(b)) this.pos++;
      else if (b === 0x25) {
        while (this.pos < this.end && this.bytes[this.pos] !== 0x0a && this.bytes[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  /** Next token, or `undefined` at the end of the range. */
  next(): Token | undefined {
    this.skipWhitespaceAndComments();
    if (this.pos >= this.end) return undefined;
    const b = this.bytes[this.pos] ?? 0;
    switch (b) {
      case 0x28:
        return this.literalString();
      case 0x3c:
        if (this.bytes[this.pos + 1] === 0x3c) {
          this.pos += 2;
          return '<<';
        }
        return this.hexString();
      case 0x3e:
        this.pos += this.bytes[this.pos + 1] === 0x3e ? 2 : 1;
        return '>>';
      case 0x5b:
        this.pos++;
        return '[';
      case 0x5d:
        this.pos++;
        return ']';
      case 0x7b:
        this.pos++;
        return '{';
      case 0x7d:
        this.pos++;
        return '}';
      case 0x2f:
        return this.name();
      case 0x29:
        // Stray `)`: skip it rather than loop forever on malformed input.
        this.pos++;
        return new PdfKeyword(')');
      default:
        return this.numberOrKeyword();
    }
  }

  private literalString(): PdfString {
    const out: number[] = [];
    let depth = 1;
    this.pos++;
    while (this.pos < this.end) {
      const b = this.bytes[this.pos++] ?? 0;
      if (b === 0x5c) {
        const e = this.bytes[this.pos++] ?? 0;
        if (e === 0x6e) out.push(0x0a);
        else if (e === 0x72) out.push(0x0d);
        else if (e === 0x74) out.push(0x09);
        else if (e === 0x62) out.push(0x08);
        else if (e === 0x66) out.push(0x0c);
        else if (e >= 0x30 && e <= 0x37) {
          let code = e - 0x30;
          for (let i = 0; i < 2; i++) {
            const d = this.bytes[this.pos] ?? 0;
            if (d < 0x30 || d > 0x37) break;
            code = code * 8 + (d - 0x30);
            this.pos++;
          }
          out.push(code & 0xff);
        } else if (e === 0x0d) {
          // Backslash + end of line continues the string on the next line.
          if (this.bytes[this.pos] === 0x0a) this.pos++;
        } else if (e !== 0x0a) out.push(e);
      } else if (b === 0x28) {
        depth++;
        out.push(b);
      } else if (b === 0x29) {
        depth--;
        if (depth === 0) break;
        out.push(b);
      } else out.push(b);
    }
    return new PdfString(Uint8Array.from(out));
  }

  private hexString(): PdfString {
    this.pos++;
    const nibbles: number[] = [];
    while (this.pos < this.end) {
      const b = this.bytes[this.pos++] ?? 0;
      if (b === 0x3e) break;
      const v = hexValue(b);
      if (v >= 0) nibbles.push(v);
    }
    if (nibbles.length % 2 === 1) nibbles.push(0);
    const out = new Uint8Array(nibbles.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = ((nibbles[2 * i] ?? 0) << 4) | (nibbles[2 * i + 1] ?? 0);
    return new PdfString(out);
  }

  private name(): PdfName {
    this.pos++;
    let value = '';
    while (this.pos < this.end && isRegular(this.bytes[this.pos] ?? 0)) {
      const b = this.bytes[this.pos++] ?? 0;
      const hi = hexValue(this.bytes[this.pos] ?? 0);
      const lo = hexValue(this.bytes[this.pos + 1] ?? 0);
      if (b === 0x23 && hi >= 0 && lo >= 0) {
        value += String.fromCharCode(hi * 16 + lo);
        this.pos += 2;
      } else value += String.fromCharCode(b);
    }
    return new PdfName(value);
  }

  private numberOrKeyword(): number | PdfKeyword {
    const start = this.pos;
    while (this.pos < this.end && isRegular(this.bytes[this.pos] ?? 0)) this.pos++;
    if (this.pos === start) {
      this.pos++;
      return new PdfKeyword(latin1(this.bytes, start, this.pos));
    }
    const text = latin1(this.bytes, start, this.pos);
    return /^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(text) ? Number.parseFloat(text) : new PdfKeyword(text);
  }
}

/**
 * Reads one value starting at the lexer position. Integers followed by `<gen> R` become references.
 * Returns a keyword when the next token is an operator (content streams) or `undefined` at the end.
 */
export function readValue(lexer: PdfLexer): PdfValue | PdfKeyword | undefined {
  const token = lexer.next();
  return token === undefined ? undefined : valueFrom(lexer, token);
}

function valueFrom(lexer: PdfLexer, token: Token): PdfValue | PdfKeyword | undefined {
  if (typeof token === 'number') return maybeReference(lexer, token);
  if (token === '[') {
    const items: PdfValue[] = [];
    for (;;) {
      const next = lexer.next();
      if (next === undefined || next === ']') return items;
      const value = valueFrom(lexer, next);
      if (value !== undefined && !(value instanceof PdfKeyword)) items.push(value);
    }
  }
  if (token === '<<') {
    const dict: PdfDict = new Map();
    for (;;) {
      const key = lexer.next();
      if (key === undefined || key === '>>') return dict;
      if (!(key instanceof PdfName)) continue;
      const valueToken = lexer.next();
      if (valueToken === undefined) return dict;
      if (valueToken === '>>') return dict;
      const value = valueFrom(lexer, valueToken);
      if (value !== undefined && !(value instanceof PdfKeyword)) dict.set(key.value, value);
    }
  }
  if (token instanceof PdfKeyword) {
    if (token.value === 'true') return true;
    if (token.value === 'false') return false;
    if (token.value === 'null') return null;
    return token;
  }
  if (token === ']' || token === '>>' || token === '{' || token === '}') return new PdfKeyword(token);
  return token;
}

function maybeReference(lexer: PdfLexer, num: number): number | PdfRef {
  const saved = lexer.pos;
  const gen = lexer.next();
  if (typeof gen === 'number' && Number.isInteger(num) && Number.isInteger(gen)) {
    const keyword = lexer.next();
    if (keyword instanceof PdfKeyword && keyword.value === 'R') return new PdfRef(num, gen);
  }
  lexer.pos = saved;
  return num;
}

export const isDict = (value: unknown): value is PdfDict => value instanceof Map;
export const nameOf = (value: PdfValue | undefined): string | undefined =>
  value instanceof PdfName ? value.value : undefined;
