import { type BamHeader, parseBamHeader, referenceMismatches } from './bam-header';
import { BGZF_EOF, readBgzfBlock } from './bgzf';
import { BamFormatError } from './errors';

export interface BamHeaderSummary extends BamHeader {
  /** The file ends with the 28-byte BGZF EOF block (its absence means the file was cut short). */
  eofMarker: boolean;
  referenceMismatches: string[];
  /** Compressed bytes fetched for the header (Range reads), and the file's size. */
  bytesRead: number;
  fileBytes: number;
}

export interface BamHeaderReadOptions {
  /** Compressed bytes the header may span; beyond that the file fails (default 16 MiB). */
  maxHeaderBytes?: number;
  /** First Range read size (default 64 KiB); later reads double it. */
  firstReadBytes?: number;
}

/**
 * Reads a BAM header with Range reads only: inflates BGZF blocks from the start until the header is
 * complete (never more than `maxHeaderBytes` compressed bytes), and checks the EOF block with one more
 * 28-byte read at the end. Reads are bounded whatever the file size.
 */
export const readBamHeader = async (
  readRange: (start: number, endInclusive: number) => Promise<Uint8Array>,
  fileBytes: number,
  options: BamHeaderReadOptions = {},
): Promise<BamHeaderSummary> => {
  const maxHeaderBytes = options.maxHeaderBytes ?? 16 * 1024 * 1024;
  let want = Math.min(options.firstReadBytes ?? 64 * 1024, fileBytes, maxHeaderBytes);
  if (fileBytes < BGZF_EOF.length) throw new BamFormatError(`not BAM: ${fileBytes} bytes is too short`);
  let compressed = Buffer.alloc(0);
  let offset = 0;
  const inflated: Buffer[] = [];
  let inflatedBytes = 0;
  let bytesRead = 0;
  for (;;) {
    if (compressed.length < want) {
      const more = await readRange(compressed.length, want - 1);
      bytesRead += more.length;
      compressed = Buffer.concat([compressed, more]);
    }
    let progressed = false;
    for (;;) {
      const block = readBgzfBlock(compressed, offset);
      if (block.kind === 'incomplete') break;
      offset += block.blockSize;
      inflated.push(block.data);
      inflatedBytes += block.data.length;
      progressed = true;
      if (block.data.length === 0) break; // an empty block: the EOF marker, or padding before it
    }
    const parsed = parseBamHeader(Buffer.concat(inflated, inflatedBytes));
    if (parsed.kind === 'complete') {
      const tail = await readRange(fileBytes - BGZF_EOF.length, fileBytes - 1);
      bytesRead += tail.length;
      return {
        ...parsed.header,
        eofMarker: Buffer.from(tail).equals(BGZF_EOF),
        referenceMismatches: referenceMismatches(parsed.header),
        bytesRead,
        fileBytes,
      };
    }
    if (compressed.length >= fileBytes) {
      throw new BamFormatError(`BAM header is cut short: the file ends after ${inflatedBytes} decompressed bytes`);
    }
    if (!progressed && compressed.length - offset >= 65536 + 1) {
      throw new BamFormatError(`BGZF block at offset ${offset} is larger than 64 KiB`);
    }
    if (want >= maxHeaderBytes) {
      throw new BamFormatError(`BAM header is larger than the ${maxHeaderBytes}-byte limit`);
    }
    want = Math.min(want * 2, fileBytes, maxHeaderBytes);
  }
};
