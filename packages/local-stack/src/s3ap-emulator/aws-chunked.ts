import { Transform, type TransformCallback } from 'node:stream';
import { S3ApEmulatorError } from './s3-error';

const MAX_LINE = 8 * 1024;

type State = 'size' | 'data' | 'data-end' | 'trailer' | 'done';

/**
 * Decodes the `aws-chunked` content encoding SDK v3 uses for streamed uploads:
 * `<hex-size>[;chunk-signature=…]\r\n<bytes>\r\n … 0\r\n<trailer-name>:<value>\r\n…\r\n`.
 * Emits only the payload bytes; trailers (e.g. `x-amz-checksum-crc32`) are collected in `trailers`.
 * Chunk signatures are parsed and ignored (the emulator does not verify SigV4).
 */
export class AwsChunkedDecoder extends Transform {
  readonly trailers = new Map<string, string>();
  private state: State = 'size';
  private line = '';
  private remaining = 0;
  private pendingCrLf = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.consume(chunk);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    // Lenient about a missing blank line after the last chunk when there are no trailers.
    if (this.state !== 'done' && !(this.state === 'trailer' && this.line === '')) {
      callback(new S3ApEmulatorError('IncompleteBody', 'The aws-chunked request body ended before its final chunk.'));
      return;
    }
    callback();
  }

  private consume(input: Buffer): void {
    let offset = 0;
    while (offset < input.length) {
      switch (this.state) {
        case 'size':
        case 'trailer': {
          const newline = input.indexOf(0x0a, offset);
          const end = newline === -1 ? input.length : newline;
          this.line += input.toString('latin1', offset, end);
          if (this.line.length > MAX_LINE) throw malformed('a chunk header or trailer line is too long');
          if (newline === -1) return;
          offset = newline + 1;
          const line = this.line.endsWith('\r') ? this.line.slice(0, -1) : this.line;
          this.line = '';
          if (this.state === 'size') this.onSizeLine(line);
          else this.onTrailerLine(line);
          break;
        }
        case 'data': {
          const take = Math.min(this.remaining, input.length - offset);
          this.push(input.subarray(offset, offset + take));
          offset += take;
          this.remaining -= take;
          if (this.remaining === 0) this.state = 'data-end';
          break;
        }
        case 'data-end': {
          // The CRLF after a chunk's data may itself be split across reads.
          const need = 2 - this.pendingCrLf.length;
          const part = input.subarray(offset, offset + need);
          this.pendingCrLf = Buffer.concat([this.pendingCrLf, part]);
          offset += part.length;
          if (this.pendingCrLf.length === 2) {
            if (this.pendingCrLf.toString('latin1') !== '\r\n') throw malformed('chunk data is not followed by CRLF');
            this.pendingCrLf = Buffer.alloc(0);
            this.state = 'size';
          }
          break;
        }
        case 'done':
          throw malformed('bytes after the final chunk');
      }
    }
  }

  private onSizeLine(line: string): void {
    const sizeText = line.split(';', 1)[0]?.trim() ?? '';
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText)) throw malformed(`bad chunk size line "${line.slice(0, 40)}"`);
    const size = Number.parseInt(sizeText, 16);
    if (size === 0) {
      this.state = 'trailer';
      return;
    }
    this.remaining = size;
    this.state = 'data';
  }

  private onTrailerLine(line: string): void {
    if (line === '') {
      this.state = 'done';
      return;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformed(`bad trailer line "${line.slice(0, 40)}"`);
    this.trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
}

const malformed = (detail: string): S3ApEmulatorError =>
  new S3ApEmulatorError('InvalidRequest', `Malformed aws-chunked request body: ${detail}.`);
