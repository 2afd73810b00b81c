import { LayoutParseError } from '../errors';

/** One GDSII record: `[u16 length incl. this 4-byte header][u8 record type][u8 data type][payload]`. */
export interface GdsRecord {
  /** Byte offset of the record header in the file. */
  readonly offset: number;
  readonly type: number;
  readonly dataType: number;
  readonly data: Uint8Array;
}

export const RECORD_HEADER_BYTES = 4;

/**
 * Splits a byte stream into records without holding the file: only the unfinished tail of the last chunk
 * (at most one record, < 64 KiB) is kept between chunks, so memory is bounded by the chunk size.
 * A stream that ends inside a record is a truncated file: `LayoutParseError` with that record's offset.
 */
export async function* readGdsRecords(
  chunks: AsyncIterable<Uint8Array>,
  /** Sees the first record's header as soon as its 4 bytes arrive, before its (possibly absent) body. */
  checkFirstHeader: (header: { type: number; dataType: number; length: number }) => void = () => undefined,
): AsyncGenerator<GdsRecord> {
  let pending: Uint8Array = new Uint8Array(0);
  let pendingOffset = 0;
  let checked = false;
  for await (const chunk of chunks) {
    const buffer = pending.length === 0 ? chunk : concat(pending, chunk);
    let at = 0;
    while (buffer.length - at >= RECORD_HEADER_BYTES) {
      const length = ((buffer[at] ?? 0) << 8) | (buffer[at + 1] ?? 0);
      if (!checked) {
        checked = true;
        checkFirstHeader({ type: buffer[at + 2] ?? 0, dataType: buffer[at + 3] ?? 0, length });
      }
      if (length < RECORD_HEADER_BYTES) {
        throw new LayoutParseError(`record length ${length} is shorter than its 4-byte header`, pendingOffset + at);
      }
      if (buffer.length - at < length) break;
      yield {
        offset: pendingOffset + at,
        type: buffer[at + 2] ?? 0,
        dataType: buffer[at + 3] ?? 0,
        // A copy (also for Node Buffers, whose own slice is a view), so a kept record does not pin the chunk.
        data: Uint8Array.prototype.slice.call(buffer, at + RECORD_HEADER_BYTES, at + length),
      };
      at += length;
    }
    pending = buffer.subarray(at);
    pendingOffset += at;
  }
  if (pending.length > 0) {
    const declared = pending.length >= 2 ? ((pending[0] ?? 0) << 8) | (pending[1] ?? 0) : undefined;
    throw new LayoutParseError(
      `truncated: the file ends inside a record (${pending.length} of ${declared ?? '?'} bytes present)`,
      pendingOffset,
    );
  }
}

const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
};
