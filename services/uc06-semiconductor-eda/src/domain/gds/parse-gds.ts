import { LayoutParseError } from '../errors';
import { readGdsRecords } from './record-reader';
import { DT, RT, recordName } from './record-types';
import type { GdsLibrarySummary } from './summary';
import { GdsWalker } from './walker';

/**
 * Walks a whole GDSII stream chunk by chunk (no whole-file buffer) and summarises it. Stops reading at
 * ENDLIB (tape-block padding after it is not read). Throws `LayoutParseError` with the byte offset for a
 * wrong first record, a malformed record or a file that ends early.
 */
export const parseGdsStream = async (chunks: AsyncIterable<Uint8Array>): Promise<GdsLibrarySummary> => {
  const walker = new GdsWalker();
  let sawRecord = false;
  const firstHeader = ({ type, dataType, length }: { type: number; dataType: number; length: number }) => {
    // HEADER is always 6 bytes of one int16: anything else is not a GDSII stream, whatever its name says.
    if (type !== RT.HEADER || dataType !== DT.INT16 || length !== 6) {
      throw new LayoutParseError(
        `not a GDSII stream: first record is ${recordName(type)} (data type ${dataType}, length ${length}), not HEADER`,
        0,
      );
    }
  };
  for await (const record of readGdsRecords(chunks, firstHeader)) {
    sawRecord = true;
    if (walker.accept(record)) return walker.finish();
  }
  if (!sawRecord) throw new LayoutParseError('empty file: no GDSII record', 0);
  return walker.finish();
};

/** The same walk over bytes already in memory, served in chunks of `chunkSize` (tests, small files). */
export const parseGdsBytes = (bytes: Uint8Array, chunkSize = 64 * 1024): Promise<GdsLibrarySummary> =>
  parseGdsStream(chunksOf(bytes, chunkSize));

export async function* chunksOf(bytes: Uint8Array, chunkSize: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.subarray(at, at + chunkSize);
}
