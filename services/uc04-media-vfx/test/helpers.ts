import type { RangeSource } from '../src/inspect-frame';

/** A file held in memory, read like an S3 Range GET (`endInclusive` clamped to the end, as S3 does). */
export const memorySource = (bytes: Uint8Array): RangeSource & { reads: [number, number][] } => {
  const reads: [number, number][] = [];
  return {
    size: bytes.length,
    reads,
    read: async (start, endInclusive) => {
      reads.push([start, endInclusive]);
      return bytes.slice(start, Math.min(endInclusive, bytes.length - 1) + 1);
    },
  };
};

/** Rec. 709 luminance, written out here so tests do not reuse the code under test. */
export const luma = (r: number, g: number, b: number) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
