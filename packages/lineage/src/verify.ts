import { type ChainHead, type ChainItem, computeRecordHash, GENESIS_HASH } from './hash-chain';

export type ChainProblemKind = 'edited' | 'missing' | 'reordered' | 'forked';

export interface ChainProblem {
  readonly sequence: number;
  readonly kind: ChainProblemKind;
  readonly detail: string;
}

export interface VerifyResult {
  readonly ok: boolean;
  /** Records examined. */
  readonly checked: number;
  readonly problems: readonly ChainProblem[];
}

export interface VerifyOptions {
  /** The chain head as stored; without it a truncated tail cannot be seen. */
  readonly head?: Pick<ChainHead, 'sequence' | 'hash'> | undefined;
  /** The first sequence expected (verify a window of a long chain); 1 by default. */
  readonly fromSequence?: number;
  /** Clock for deciding whether records before the first one present expired by TTL. */
  readonly now?: Date;
}

interface Entry {
  readonly sequence: number;
  readonly hash: string;
  readonly prevHash: unknown;
  readonly prevTtl: unknown;
}

/**
 * Checks a chain read in sequence order (from the table, or lines of an export):
 * - `edited`: a record's content no longer hashes to its `record_hash`, or a record was rewritten with a
 *   fresh hash so the next record's `prev_hash` no longer points at it;
 * - `missing`: a gap in the sequence, or a tail shorter than the head says (records expired by TTL
 *   before the first record present are not a problem: that record's `prev_ttl` says they expired);
 * - `reordered`: a record appears after a record with a higher sequence;
 * - `forked`: two records claim one sequence, or records exist beyond the head.
 */
export const verify = async (
  source: Iterable<ChainItem> | AsyncIterable<ChainItem>,
  options: VerifyOptions = {},
): Promise<VerifyResult> => {
  const problems: ChainProblem[] = [];
  const bySequence = new Map<number, Entry[]>();
  let checked = 0;
  let highest = 0;
  for await (const item of source) {
    checked += 1;
    const sequence = item.sequence;
    if (typeof sequence !== 'number' || !Number.isInteger(sequence) || sequence < 1) {
      problems.push({ sequence: -1, kind: 'edited', detail: `record #${checked} has no valid sequence` });
      continue;
    }
    const stored = item.record_hash;
    const recomputed = computeRecordHash(item);
    if (stored !== recomputed) {
      problems.push({
        sequence,
        kind: 'edited',
        detail: `content of record ${sequence} does not match its record_hash`,
      });
    }
    if (sequence < highest) {
      problems.push({ sequence, kind: 'reordered', detail: `record ${sequence} appears after record ${highest}` });
    }
    highest = Math.max(highest, sequence);
    const entry: Entry = {
      sequence,
      hash: typeof stored === 'string' ? stored : recomputed,
      prevHash: item.prev_hash,
      prevTtl: item.prev_ttl,
    };
    const group = bySequence.get(sequence);
    if (group) group.push(entry);
    else bySequence.set(sequence, [entry]);
  }

  const sequences = [...bySequence.keys()].sort((a, b) => a - b);
  const from = options.fromSequence ?? 1;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  let previous: readonly Entry[] | undefined;
  for (const sequence of sequences) {
    const group = bySequence.get(sequence) ?? [];
    if (group.length > 1) {
      problems.push({ sequence, kind: 'forked', detail: `${group.length} records claim sequence ${sequence}` });
    }
    const expected = previous ? (previous[0]?.sequence ?? 0) + 1 : from;
    if (sequence > expected && !(previous === undefined && predecessorsExpired(group, nowSeconds))) {
      problems.push(missing(expected, sequence - 1, 'gap in the chain'));
    } else if (sequence === expected) {
      checkLink(group, previous, sequence, problems);
    }
    previous = group;
  }

  const head = options.head;
  if (head) {
    const last = sequences.at(-1) ?? 0;
    if (head.sequence > last) {
      problems.push(missing(last + 1, head.sequence, `truncated tail: the chain head is at ${head.sequence}`));
    } else if (last > head.sequence) {
      problems.push({
        sequence: head.sequence + 1,
        kind: 'forked',
        detail: `records beyond the chain head (${head.sequence}) up to ${last}`,
      });
    } else if (last > 0 && !(bySequence.get(last) ?? []).some((e) => e.hash === head.hash)) {
      problems.push({
        sequence: last,
        kind: 'edited',
        detail: `record ${last} is not the record the chain head points at`,
      });
    }
  }
  return { ok: problems.length === 0, checked, problems };
};

const missing = (first: number, last: number, why: string): ChainProblem => ({
  sequence: first,
  kind: 'missing',
  detail: first === last ? `record ${first} missing (${why})` : `records ${first}..${last} missing (${why})`,
});

/** The first record present says its predecessor's TTL; past it, DynamoDB may have removed the older records. */
const predecessorsExpired = (group: readonly Entry[], nowSeconds: number): boolean =>
  group.some((e) => typeof e.prevTtl === 'number' && e.prevTtl > 0 && e.prevTtl <= nowSeconds);

const checkLink = (
  group: readonly Entry[],
  previous: readonly Entry[] | undefined,
  sequence: number,
  problems: ChainProblem[],
): void => {
  if (previous === undefined) {
    // Verifying a window: the record before `from` is not at hand, only the genesis link can be checked.
    if (sequence === 1 && !group.some((e) => e.prevHash === GENESIS_HASH)) {
      problems.push({ sequence, kind: 'edited', detail: 'first record does not link to the genesis hash' });
    }
    return;
  }
  const linked = group.some((e) => previous.some((p) => p.hash === e.prevHash));
  if (!linked) {
    problems.push({
      sequence,
      kind: 'edited',
      detail: `record ${sequence} does not link to record ${sequence - 1} (one of them was rewritten)`,
    });
  }
};
