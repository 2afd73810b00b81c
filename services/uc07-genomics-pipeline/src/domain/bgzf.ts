import { crc32, inflateRawSync } from 'node:zlib';
import { BamFormatError } from './errors';

/** The 28-byte empty block every BGZF file ends with (SAM/BAM spec §4.1.2). */
export const BGZF_EOF = Buffer.from('1f8b08040000000000ff0600424302001b0003000000000000000000', 'hex');
/** A BGZF block is at most 64 KiB, compressed and uncompressed. */
export const BGZF_MAX_BLOCK = 65536;
const HEADER_BYTES = 12;

export type BgzfBlock =
  | { kind: 'block'; data: Buffer; blockSize: number }
  /** The buffer ends before this block does: read more bytes. */
  | { kind: 'incomplete' };

/**
 * Decodes the BGZF block at `offset`: a gzip member whose extra field carries the `BC` subfield with the
 * total block size, so blocks can be found without inflating. The inflated bytes are checked against
 * the member's CRC32 and ISIZE.
 */
export const readBgzfBlock = (bytes: Uint8Array, offset: number): BgzfBlock => {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length - offset < HEADER_BYTES) return { kind: 'incomplete' };
  if (buf[offset] !== 0x1f || buf[offset + 1] !== 0x8b || buf[offset + 2] !== 8 || ((buf[offset + 3] ?? 0) & 4) === 0) {
    throw new BamFormatError(`no BGZF block at offset ${offset} (gzip magic with FEXTRA expected)`);
  }
  const xlen = buf.readUInt16LE(offset + 10);
  if (buf.length - offset < HEADER_BYTES + xlen) return { kind: 'incomplete' };
  let blockSize: number | undefined;
  for (let p = offset + HEADER_BYTES; p + 4 <= offset + HEADER_BYTES + xlen; ) {
    const slen = buf.readUInt16LE(p + 2);
    if (buf[p] === 66 && buf[p + 1] === 67 && slen === 2) blockSize = buf.readUInt16LE(p + 4) + 1;
    p += 4 + slen;
  }
  if (blockSize === undefined) throw new BamFormatError(`gzip member at offset ${offset} has no BGZF "BC" subfield`);
  if (blockSize < HEADER_BYTES + xlen + 8) throw new BamFormatError(`BGZF block at offset ${offset} is too small`);
  if (buf.length - offset < blockSize) return { kind: 'incomplete' };
  const cdata = buf.subarray(offset + HEADER_BYTES + xlen, offset + blockSize - 8);
  const expectedCrc = buf.readUInt32LE(offset + blockSize - 8);
  const isize = buf.readUInt32LE(offset + blockSize - 4);
  if (isize > BGZF_MAX_BLOCK) throw new BamFormatError(`BGZF block at offset ${offset} claims ${isize} bytes`);
  let data: Buffer;
  try {
    data = inflateRawSync(cdata, { maxOutputLength: BGZF_MAX_BLOCK });
  } catch (error) {
    throw new BamFormatError(`BGZF block at offset ${offset} does not inflate`, { cause: error });
  }
  if (data.length !== isize || crc32(data) !== expectedCrc) {
    throw new BamFormatError(`BGZF block at offset ${offset} fails its CRC32/ISIZE check`);
  }
  return { kind: 'block', data, blockSize };
};
