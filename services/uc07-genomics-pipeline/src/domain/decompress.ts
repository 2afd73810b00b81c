import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CompressionError } from './errors';

/** gzip magic (RFC 1952); BGZF files are gzip members too. */
export const isGzip = (bytes: Uint8Array) => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

export interface DecodedSource {
  /** Decompressed bytes, in order. */
  chunks: AsyncIterable<Uint8Array>;
  /** True when the input was gzip (plain or BGZF): known after the first chunk arrived. */
  compressed: () => boolean;
  /** Compressed bytes read so far. */
  bytesRead: () => number;
}

/**
 * Decompresses a byte stream when it starts with the gzip magic, else passes it through. Gzip goes
 * through node:zlib's streaming Gunzip, which decodes concatenated members (BGZF blocks, the BGZF EOF
 * block, `cat a.gz b.gz`) one after another in bounded memory. A stream that ends inside a member,
 * or whose bytes do not inflate, throws `CompressionError`.
 */
export const decodeSource = (source: AsyncIterable<Uint8Array>): DecodedSource => {
  let gzip = false;
  let read = 0;
  async function* counted(first: IteratorResult<Uint8Array>, rest: AsyncIterator<Uint8Array>) {
    let next = first;
    while (!next.done) {
      read += next.value.length;
      yield next.value;
      next = await rest.next();
    }
  }
  async function* chunks(): AsyncGenerator<Uint8Array> {
    const iterator = source[Symbol.asyncIterator]();
    // The magic is two bytes; a stream may deliver them in separate chunks.
    let first = await iterator.next();
    while (!first.done && first.value.length < 2) {
      const next = await iterator.next();
      if (next.done) break;
      first = { done: false, value: Buffer.concat([first.value, next.value]) };
    }
    if (first.done) return;
    gzip = isGzip(first.value);
    if (!gzip) {
      yield* counted(first, iterator);
      return;
    }
    const gunzip = createGunzip();
    const out = pipeline(Readable.from(counted(first, iterator)), gunzip, () => {
      // Errors surface through the iteration below (pipeline destroys `gunzip` with them).
    });
    try {
      for await (const chunk of out) yield chunk as Buffer;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'Z_BUF_ERROR') {
        throw new CompressionError(`gzip stream is truncated: it ends inside a member after ${read} bytes`, {
          cause: error,
        });
      }
      if (typeof code === 'string' && code.startsWith('Z_')) {
        throw new CompressionError(`gzip data is corrupt: ${(error as Error).message}`, { cause: error });
      }
      throw error;
    } finally {
      out.destroy();
    }
  }
  return { chunks: chunks(), compressed: () => gzip, bytesRead: () => read };
};
