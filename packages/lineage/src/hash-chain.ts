import { canonicalJson, sha256Hex } from './canonical-json';

/** `prev_hash` of the first record in a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** A stored chain item exactly as DynamoDB returns it (every attribute, known or not). */
export type ChainItem = Readonly<Record<string, unknown>>;

/** sha256 of the canonical JSON of the item without its `record_hash`: any added, removed or changed attribute changes it. */
export const computeRecordHash = (item: ChainItem): string => {
  const { record_hash: _ignored, ...content } = item;
  return sha256Hex(canonicalJson(content));
};

/** The head of one chain: the last allocated sequence and the hash of that record. */
export interface ChainHead {
  readonly sequence: number;
  readonly hash: string;
  /** TTL of the last record; the next record's TTL is never lower, so records expire oldest first. */
  readonly ttl: number;
  /** processing_timestamp of the last record; the next one is strictly later. */
  readonly timestamp: string;
}

export const EMPTY_HEAD: ChainHead = { sequence: 0, hash: GENESIS_HASH, ttl: 0, timestamp: '' };
