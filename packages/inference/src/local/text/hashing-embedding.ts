import { InferenceError } from '../../errors';
import { tokenize } from './tokens';

/** 32-bit FNV-1a over UTF-16 code units. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Feature-hashing embedding: unigrams and bigrams of `tokenize(text)` hashed into `dimensions` buckets
 * with a hash-derived sign (so collisions cancel on average instead of piling up), then L2-normalised.
 * Texts that share words land close together; the same text always gives the same vector.
 */
export function hashingEmbedding(text: string, dimensions = 256): number[] {
  const tokens = tokenize(text);
  if (tokens.length === 0) throw new InferenceError('cannot embed text without words', { transient: false });
  const features = [...tokens];
  for (let i = 0; i + 1 < tokens.length; i++) features.push(`${tokens[i]} ${tokens[i + 1]}`);
  const vector = new Array<number>(dimensions).fill(0);
  for (const feature of features) {
    const hash = fnv1a(feature);
    const bucket = hash % dimensions;
    // The sign comes from a second, independent hash so it does not correlate with the bucket.
    const sign = fnv1a(`±${feature}`) & 1 ? 1 : -1;
    vector[bucket] = (vector[bucket] ?? 0) + sign;
  }
  const norm = Math.hypot(...vector);
  // All features cancelled out (possible for tiny inputs): fall back to the unsigned histogram.
  if (norm === 0) {
    for (const feature of features) {
      const bucket = fnv1a(feature) % dimensions;
      vector[bucket] = (vector[bucket] ?? 0) + 1;
    }
    const fallbackNorm = Math.hypot(...vector);
    return vector.map((v) => v / fallbackNorm);
  }
  return vector.map((v) => v / norm);
}

export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError('vectors differ in length');
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
