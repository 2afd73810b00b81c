import { LayoutParseError } from '../errors';

/**
 * Cursor over a slice of an OASIS file (SEMI P39 primitive encodings). `base` is the file offset of the
 * slice's first byte, so every error names the file offset. Reading past the slice is a truncation.
 */
export class OasisReader {
  at = 0;

  constructor(
    readonly bytes: Uint8Array,
    readonly base = 0,
  ) {}

  get offset() {
    return this.base + this.at;
  }

  get remaining() {
    return this.bytes.length - this.at;
  }

  byte(): number {
    const value = this.bytes[this.at];
    if (value === undefined) throw new LayoutParseError('truncated: OASIS data ends inside a record', this.offset);
    this.at += 1;
    return value;
  }

  take(count: number): Uint8Array {
    if (count > this.remaining) {
      throw new LayoutParseError(`truncated: ${count} bytes needed, ${this.remaining} available`, this.offset);
    }
    const out = this.bytes.subarray(this.at, this.at + count);
    this.at += count;
    return out;
  }

  /** unsigned-integer: 7-bit groups, least significant first, high bit = more follows. */
  unsigned(): number {
    const start = this.offset;
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) break;
      scale *= 128;
      if (scale > 2 ** 53) throw new LayoutParseError('unsigned integer wider than 53 bits', start);
    }
    if (!Number.isSafeInteger(value)) throw new LayoutParseError('unsigned integer wider than 53 bits', start);
    return value;
  }

  /** signed-integer: the unsigned encoding with the sign in the lowest bit. */
  signed(): number {
    const raw = this.unsigned();
    const magnitude = Math.floor(raw / 2);
    return raw % 2 === 1 ? -magnitude : magnitude;
  }

  /** real: a type code 0–7 followed by its payload. */
  real(): number {
    return this.realOfType(this.unsigned());
  }

  realOfType(type: number): number {
    const start = this.offset;
    switch (type) {
      case 0:
        return this.unsigned();
      case 1:
        return -this.unsigned();
      case 2:
      case 3: {
        const d = this.unsigned();
        if (d === 0) throw new LayoutParseError('real 1/0', start);
        return (type === 2 ? 1 : -1) / d;
      }
      case 4:
      case 5: {
        const n = this.unsigned();
        const d = this.unsigned();
        if (d === 0) throw new LayoutParseError('real ratio with denominator 0', start);
        return ((type === 4 ? 1 : -1) * n) / d;
      }
      case 6: {
        const b = this.take(4);
        return new DataView(b.buffer, b.byteOffset, 4).getFloat32(0, true);
      }
      case 7: {
        const b = this.take(8);
        return new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
      }
      default:
        throw new LayoutParseError(`real type ${type} is not 0–7`, start);
    }
  }

  /** b-string (any bytes), a-string (printable ASCII incl. space) or n-string (printable, no space, non-empty). */
  string(kind: 'a' | 'b' | 'n'): string {
    const start = this.offset;
    const length = this.unsigned();
    const bytes = this.take(length);
    if (kind !== 'b') {
      for (const b of bytes) {
        if (b > 0x7e || b < (kind === 'n' ? 0x21 : 0x20)) {
          throw new LayoutParseError(`${kind}-string holds byte 0x${b.toString(16)}`, start);
        }
      }
      if (kind === 'n' && length === 0) throw new LayoutParseError('empty n-string', start);
    }
    return new TextDecoder('latin1').decode(bytes);
  }
}
