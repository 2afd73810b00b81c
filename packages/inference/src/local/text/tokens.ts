/**
 * Word features for scoring and hashing. Latin-script text splits on non-letters; CJK text has no
 * spaces, so each run of Han/Kana characters becomes its character bigrams (single characters for
 * runs of one), the usual language-independent stand-in for word segmentation.
 */
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+/gu;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

export function tokenize(text: string): string[] {
  const normalized = text.normalize('NFKC').toLowerCase();
  const tokens: string[] = [];
  const latin = normalized.replace(CJK_RUN, (run) => {
    const chars = [...run];
    if (chars.length === 1) tokens.push(run);
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(`${chars[i]}${chars[i + 1]}`);
    return ' ';
  });
  for (const match of latin.matchAll(WORD)) tokens.push(match[0]);
  return tokens;
}

/** Rough token count for budgets: about four Latin characters, or one CJK character, per model token. */
export function estimateTokens(text: string): number {
  const cjk = text.match(CJK_RUN)?.join('').length ?? 0;
  const rest = text.length - cjk;
  return cjk + Math.ceil(rest / 4);
}
