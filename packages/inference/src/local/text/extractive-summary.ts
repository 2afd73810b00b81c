import { splitSentences } from './sentences';
import { estimateTokens, tokenize } from './tokens';

// Function words carry no topic; without this list "the"/"on" decide which sentences win.
const STOP_WORDS = new Set(
  'a an and are as at be been but by can could did do does for from had has have he her his i if in into is it its may might must not of on or our shall she should so than that the their them then there these they this those to was we were what when which who will with would you your'.split(
    ' ',
  ),
);

export interface SummaryOptions {
  /** Most sentences to keep (default 5). */
  readonly maxSentences?: number;
  /** Token budget for the summary (estimated); sentences that do not fit are skipped. */
  readonly maxTokens?: number;
}

export interface Summary {
  readonly text: string;
  readonly sentences: readonly string[];
  /** True when the token budget, not the sentence count, stopped selection. */
  readonly truncatedByBudget: boolean;
}

/**
 * Extractive summary: each sentence scores the mean TF-IDF weight of its terms, where "documents" are
 * the sentences themselves (so words repeated across the text but not everywhere count most). The
 * best sentences are returned in their original order. Deterministic: ties go to the earlier sentence.
 */
export function summarize(text: string, options: SummaryOptions = {}): Summary {
  const sentences = splitSentences(text);
  if (sentences.length === 0) return { text: '', sentences: [], truncatedByBudget: false };
  const termsBySentence = sentences.map((s) => tokenize(s.text).filter((t) => !STOP_WORDS.has(t)));
  const documentFrequency = new Map<string, number>();
  for (const terms of termsBySentence)
    for (const term of new Set(terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const totalFrequency = new Map<string, number>();
  for (const terms of termsBySentence)
    for (const term of terms) totalFrequency.set(term, (totalFrequency.get(term) ?? 0) + 1);
  const n = sentences.length;
  const scores = termsBySentence.map((terms) => {
    if (terms.length === 0) return 0;
    let sum = 0;
    // Text-level term frequency times smoothed inverse sentence frequency.
    for (const term of terms)
      sum += Math.log(1 + (totalFrequency.get(term) ?? 0)) * Math.log(1 + n / (documentFrequency.get(term) ?? 1));
    return sum / Math.sqrt(terms.length);
  });
  const ranked = sentences
    .map((s, i) => ({ s, score: scores[i] ?? 0 }))
    .sort((a, b) => b.score - a.score || a.s.index - b.s.index);
  const maxSentences = options.maxSentences ?? 5;
  const budget = options.maxTokens ?? Number.POSITIVE_INFINITY;
  const chosen: typeof ranked = [];
  let used = 0;
  let truncatedByBudget = false;
  for (const candidate of ranked) {
    if (chosen.length >= maxSentences) break;
    const cost = estimateTokens(candidate.s.text);
    if (used + cost > budget) {
      truncatedByBudget = true;
      continue;
    }
    chosen.push(candidate);
    used += cost;
  }
  const ordered = chosen.sort((a, b) => a.s.index - b.s.index).map((c) => c.s.text);
  // CJK sentences run together without spaces; Latin ones get one.
  const joined = ordered.reduce(
    (acc, s) => (acc.length === 0 ? s : /[。！？]$/.test(acc) ? acc + s : `${acc} ${s}`),
    '',
  );
  return { text: joined, sentences: ordered, truncatedByBudget };
}
