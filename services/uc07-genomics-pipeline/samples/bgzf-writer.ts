import { crc32, deflateRawSync } from 'node:zlib';

/** Uncompressed bytes per block: below 64 KiB so that even incompressible data fits one block. */
const BLOCK_INPUT = 0xff00;
const EOF_BLOCK = Buffer.from('1f8b08040000000000ff0600424302001b0003000000000000000000', 'hex');

const block = (data: Buffer): Buffer => {
  const cdata = deflateRawSync(data, { level: 6 });
  const header = Buffer.from([0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 0xff, 6, 0, 66, 67, 2, 0, 0, 0]);
  const size = header.length + cdata.length + 8;
  header.writeUInt16LE(size - 1, 16);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data), 0);
  trailer.writeUInt32LE(data.length, 4);
  return Buffer.concat([header, cdata, trailer]);
};

/**
 * BGZF (SAM/BAM spec §4.1): gzip members of at most 64 KiB with the `BC` extra subfield, ending with
 * the empty EOF block, as `bgzip` writes it. `blockBytes` forces smaller blocks to test block edges.
 */
export const bgzfCompress = (data: Uint8Array, blockBytes = BLOCK_INPUT, withEof = true): Buffer => {
  const input = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const blocks: Buffer[] = [];
  for (let p = 0; p < input.length; p += blockBytes) blocks.push(block(input.subarray(p, p + blockBytes)));
  if (withEof) blocks.push(EOF_BLOCK);
  return Buffer.concat(blocks);
};
