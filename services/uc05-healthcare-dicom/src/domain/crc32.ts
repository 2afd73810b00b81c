/**
 * CRC-32 as PNG chunks use it (ISO 3309 / ITU-T V.42, reflected polynomial 0xEDB88320). Node 20's zlib has
 * no `crc32`, so this is the classic one-table implementation.
 */
const TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
    table[byte] = crc >>> 0;
  }
  return table;
})();

/** CRC-32 of `bytes`; pass a previous result as `previous` to continue over a second buffer. */
export const crc32 = (bytes: Uint8Array, previous = 0): number => {
  let crc = ~previous >>> 0;
  for (let index = 0; index < bytes.length; index++) {
    crc = (TABLE[(crc ^ (bytes[index] ?? 0)) & 0xff] ?? 0) ^ (crc >>> 8);
  }
  return ~crc >>> 0;
};
