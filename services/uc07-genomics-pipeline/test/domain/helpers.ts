/** Splits bytes into chunks of the given sizes (cycling), as a network stream would deliver them. */
export async function* chunked(bytes: Uint8Array, sizes: readonly number[] = [4096]): AsyncGenerator<Uint8Array> {
  let p = 0;
  let i = 0;
  while (p < bytes.length) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 4096);
    yield bytes.subarray(p, p + size);
    p += size;
    i += 1;
  }
}

/** A readRange over in-memory bytes that records every read, like Range GETs against S3. */
export const rangeReader = (bytes: Uint8Array) => {
  const reads: [number, number][] = [];
  return {
    reads,
    read: async (start: number, endInclusive: number) => {
      reads.push([start, endInclusive]);
      return bytes.subarray(start, endInclusive + 1);
    },
  };
};
