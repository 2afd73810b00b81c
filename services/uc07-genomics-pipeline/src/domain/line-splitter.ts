import { LineTooLongError } from './errors';

const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits a byte stream into lines (LF or CRLF) without holding more than one line plus one chunk.
 * Lines are handed to `onLine` synchronously, so per-line work costs no promise; `maxLineBytes` bounds
 * the memory a file without newlines can take.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private lineNumber = 0;

  constructor(
    private readonly onLine: (line: string, lineNumber: number) => void,
    private readonly maxLineBytes: number,
    private readonly encoding: BufferEncoding = 'latin1',
  ) {}

  push(chunk: Uint8Array): void {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (;;) {
      const lf = buffer.indexOf(LF, start);
      if (lf === -1) break;
      this.emit(buffer.subarray(start, lf));
      start = lf + 1;
    }
    if (start < buffer.length) {
      const rest = buffer.subarray(start);
      this.pendingBytes += rest.length;
      if (this.pendingBytes > this.maxLineBytes) this.tooLong();
      // Copy: the caller may reuse the chunk's memory once push returns.
      this.pending.push(Buffer.from(rest));
    }
  }

  /** The last line when the stream does not end with a newline. */
  end(): void {
    if (this.pendingBytes > 0) this.emit(Buffer.alloc(0));
  }

  private emit(tail: Buffer): void {
    let bytes = tail;
    if (this.pending.length > 0) {
      if (this.pendingBytes + tail.length > this.maxLineBytes) this.tooLong();
      bytes = Buffer.concat([...this.pending, tail]);
      this.pending = [];
      this.pendingBytes = 0;
    } else if (tail.length > this.maxLineBytes) {
      this.tooLong();
    }
    const end = bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length;
    this.lineNumber += 1;
    this.onLine(bytes.toString(this.encoding, 0, end), this.lineNumber);
  }

  private tooLong(): never {
    throw new LineTooLongError(`line ${this.lineNumber + 1} is longer than ${this.maxLineBytes} bytes`);
  }
}
