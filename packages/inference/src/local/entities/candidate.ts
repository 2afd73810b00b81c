import type { TextEntity } from '../../ports';

/** A span a rule recognised; `begin`/`end` are UTF-16 indices into the scanned text. */
export interface Candidate<Type extends string> {
  readonly type: Type;
  readonly subtype?: string;
  readonly begin: number;
  readonly end: number;
  /** 0–1: how specific the rule is (checksummed ids score higher than label-only guesses). */
  readonly score: number;
  readonly normalized?: string;
}

export type Recogniser<Type extends string> = (text: string) => Candidate<Type>[];

/** Start/end of capture group `group` of a match made with the `d` flag. */
export function groupSpan(match: RegExpExecArray, group: number): { begin: number; end: number } | undefined {
  const span = match.indices?.[group];
  return span === undefined ? undefined : { begin: span[0], end: span[1] };
}

/**
 * Keeps the best non-overlapping candidates: higher score first, then the longer span (so a full
 * `2024-03-01T10:00` wins over a bare number inside it), then the earlier one. Returned in text order.
 */
export function resolveOverlaps<C extends Candidate<string>>(candidates: readonly C[]): C[] {
  const ranked = [...candidates]
    .filter((c) => c.end > c.begin)
    .sort((a, b) => b.score - a.score || b.end - b.begin - (a.end - a.begin) || a.begin - b.begin);
  const kept: C[] = [];
  for (const candidate of ranked) {
    if (kept.every((k) => candidate.end <= k.begin || candidate.begin >= k.end)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.begin - b.begin);
}

export function toEntities<Type extends string>(
  text: string,
  candidates: readonly Candidate<Type>[],
): TextEntity<Type>[] {
  return candidates.map((c) => ({
    type: c.type,
    ...(c.subtype === undefined ? {} : { subtype: c.subtype }),
    text: text.slice(c.begin, c.end),
    beginOffset: c.begin,
    endOffset: c.end,
    score: c.score,
    ...(c.normalized === undefined ? {} : { normalized: c.normalized }),
  }));
}

/** Runs all recognisers over `text` and returns non-overlapping entities in text order. */
export function recognise<Type extends string>(
  text: string,
  recognisers: readonly Recogniser<Type>[],
): TextEntity<Type>[] {
  return toEntities(text, resolveOverlaps(recognisers.flatMap((r) => r(text))));
}
