import type { Candidate } from './candidate';

const SYMBOLS: Readonly<Record<string, string>> = {
  $: 'USD',
  US$: 'USD',
  A$: 'AUD',
  C$: 'CAD',
  '¥': 'JPY',
  '￥': 'JPY',
  '€': 'EUR',
  '£': 'GBP',
  '₩': 'KRW',
};
const CODES = 'USD|EUR|JPY|GBP|CHF|CNY|AUD|CAD|KRW|INR|SGD|HKD|NZD|SEK|NOK|DKK';
// 1,234,567.89 or 1234.5 (grouping must be exact thousands when present).
const NUMBER = '(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d{1,2}))?';

interface AmountPattern {
  readonly regex: RegExp;
  /** Capture group holding the integer part; the fraction is the next group. */
  readonly integerGroup: number;
  readonly currency: (m: RegExpExecArray) => string | undefined;
}

const PATTERNS: readonly AmountPattern[] = [
  {
    regex: new RegExp(`(?<![\\w$])(US\\$|A\\$|C\\$|\\$|¥|￥|€|£|₩)\\s?${NUMBER}(?![\\d,]*\\d)`, 'gu'),
    integerGroup: 2,
    currency: (m) => SYMBOLS[m[1] ?? ''],
  },
  {
    regex: new RegExp(`(?<![A-Za-z])(${CODES})\\s?${NUMBER}(?![\\d,]*\\d)`, 'g'),
    integerGroup: 2,
    currency: (m) => m[1],
  },
  {
    regex: new RegExp(`(?<![\\d.,])${NUMBER}\\s?(${CODES})(?![A-Za-z])`, 'g'),
    integerGroup: 1,
    currency: (m) => m[3],
  },
  {
    regex: new RegExp(`(?<![\\d.,])${NUMBER}\\s?円`, 'g'),
    integerGroup: 1,
    currency: () => 'JPY',
  },
];

/** Money amounts with an explicit currency; `normalized` is `<ISO code> <plain number>`. */
export function findAmounts<Type extends string>(text: string, type: Type): Candidate<Type>[] {
  const found: Candidate<Type>[] = [];
  for (const pattern of PATTERNS) {
    for (const match of text.matchAll(pattern.regex)) {
      const m = match as RegExpExecArray;
      const currency = pattern.currency(m);
      const integer = m[pattern.integerGroup];
      const fraction = m[pattern.integerGroup + 1];
      if (currency === undefined || integer === undefined) continue;
      const value = integer.replace(/,/g, '') + (fraction === undefined ? '' : `.${fraction}`);
      found.push({
        type,
        subtype: 'AMOUNT',
        begin: match.index,
        end: match.index + match[0].length,
        score: 0.9,
        normalized: `${currency} ${value}`,
      });
    }
  }
  return found;
}
