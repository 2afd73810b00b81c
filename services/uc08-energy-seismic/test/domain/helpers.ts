import type { RangeReader } from '../../src/domain';

/** A Range reader over bytes in memory that records every read. */
export const memoryReader = (bytes: Uint8Array, reads: [number, number][] = []): RangeReader => ({
  size: bytes.length,
  read: async (start, end) => {
    reads.push([start, end]);
    return bytes.slice(start, Math.min(end, bytes.length));
  },
});
