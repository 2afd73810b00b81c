/** CRC-32 (ISO 3309 / ITU-T V.42, the zlib polynomial 0xEDB88320), as OASIS validation scheme 1 uses it. */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export const crc32 = (bytes: Uint8Array): number => {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
};

/** OASIS validation scheme 2: the byte sum modulo 2^32. */
export const checksum32 = (bytes: Uint8Array): number => {
  let sum = 0;
  for (const byte of bytes) sum = (sum + byte) % 0x1_0000_0000;
  return sum;
};
