import type { RandomSource } from './types';

/**
 * A small seedable generator (mulberry32): the same seed gives the same sequence on every platform, so a
 * `weighted` choice recorded in an audit event can be replayed. Not for anything secret.
 */
export const createRandom = (seed: number): RandomSource => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** A 32-bit seed from any text (FNV-1a), e.g. an execution ARN, so each run has its own repeatable seed. */
export const seedOf = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
};
