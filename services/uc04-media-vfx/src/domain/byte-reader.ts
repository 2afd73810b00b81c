import { MediaParseError, NeedMoreBytesError } from './errors';

/**
 * Cursor over a prefix of a file. Reading past the prefix throws `NeedMoreBytesError` (the header goes on
 * beyond what was fetched), so callers can grow their Range read instead of guessing a header size.
 */
export class ByteReader {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  private readonly littleEndian: boolean;
  position: number;

  constructor(bytes: Uint8Array, options: { littleEndian: boolean; position?: number }) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.littleEndian = options.littleEndian;
    this.position = options.position ?? 0;
  }

  private take(n: number): number {
    const at = this.position;
    if (at + n > this.bytes.length) throw new NeedMoreBytesError(at + n);
    this.position += n;
    return at;
  }

  u8(): number {
    return this.view.getUint8(this.take(1));
  }
  u16(): number {
    return this.view.getUint16(this.take(2), this.littleEndian);
  }
  i32(): number {
    return this.view.getInt32(this.take(4), this.littleEndian);
  }
  u32(): number {
    return this.view.getUint32(this.take(4), this.littleEndian);
  }
  f32(): number {
    return this.view.getFloat32(this.take(4), this.littleEndian);
  }
  u64(): bigint {
    return this.view.getBigUint64(this.take(8), this.littleEndian);
  }
  slice(n: number): Uint8Array {
    const at = this.take(n);
    return this.bytes.subarray(at, at + n);
  }

  /** A NUL-terminated name of at most `max` bytes (the NUL excluded). */
  cString(max: number, what: string): string {
    const start = this.position;
    for (let i = start; i < this.bytes.length; i++) {
      if (this.bytes[i] === 0) {
        if (i - start > max) throw new MediaParseError(`${what} longer than ${max} bytes`, start);
        this.position = i + 1;
        return latin1(this.bytes.subarray(start, i));
      }
      if (i - start >= max) throw new MediaParseError(`${what} longer than ${max} bytes`, start);
    }
    throw new NeedMoreBytesError(this.bytes.length + 1);
  }
}

/** Latin-1 decoding: one char per byte, never throws (names in these headers are ASCII by convention). */
export const latin1 = (bytes: Uint8Array): string => {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
};

/** A fixed-size text field: up to the first NUL, trailing spaces trimmed. */
export const fixedText = (bytes: Uint8Array): string => {
  const end = bytes.indexOf(0);
  return latin1(end === -1 ? bytes : bytes.subarray(0, end)).trimEnd();
};
