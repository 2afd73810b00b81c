import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** Flexible-checksum algorithms the emulator verifies (the ones SDK v3 computes without extra packages). */
export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'SHA1', 'SHA256'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

export const isChecksumAlgorithm = (value: string): value is ChecksumAlgorithm =>
  (CHECKSUM_ALGORITHMS as readonly string[]).includes(value);

/** `x-amz-checksum-crc32` etc. */
export const checksumHeader = (algorithm: ChecksumAlgorithm): string => `x-amz-checksum-${algorithm.toLowerCase()}`;

/** An incremental digest that ends as the base64 text S3 puts in checksum headers. */
export interface Digest {
  update(chunk: Uint8Array): void;
  base64(): string;
}

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), continuing from `previous`. */
export const crc32c = (data: Uint8Array, previous = 0): number => {
  let crc = ~previous >>> 0;
  for (let i = 0; i < data.length; i++) {
    crc = (CRC32C_TABLE[(crc ^ (data[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  }
  return ~crc >>> 0;
};

const uint32Base64 = (value: number): string => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0);
  return out.toString('base64');
};

class CrcDigest implements Digest {
  private value = 0;
  constructor(private readonly step: (data: Uint8Array, previous: number) => number) {}
  update(chunk: Uint8Array): void {
    this.value = this.step(chunk, this.value);
  }
  base64(): string {
    return uint32Base64(this.value);
  }
}

class HashDigest implements Digest {
  private readonly hash: Hash;
  constructor(algorithm: string) {
    this.hash = createHash(algorithm);
  }
  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
  }
  base64(): string {
    return this.hash.digest('base64');
  }
}

export const createDigest = (algorithm: ChecksumAlgorithm): Digest => {
  switch (algorithm) {
    case 'CRC32':
      return new CrcDigest((data, previous) => crc32(data, previous));
    case 'CRC32C':
      return new CrcDigest(crc32c);
    case 'SHA1':
      return new HashDigest('sha1');
    case 'SHA256':
      return new HashDigest('sha256');
  }
};

/** Multipart ETag as S3 computes it: md5 over the concatenated binary md5s of the parts, then `-<count>`. */
export const multipartEtag = (partMd5Hexes: readonly string[]): string => {
  const hash = createHash('md5');
  for (const hex of partMd5Hexes) hash.update(Buffer.from(hex, 'hex'));
  return `${hash.digest('hex')}-${partMd5Hexes.length}`;
};
