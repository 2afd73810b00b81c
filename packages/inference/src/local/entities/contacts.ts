import type { Candidate } from './candidate';

const span = (match: RegExpMatchArray & { index: number }) => ({
  begin: match.index,
  end: match.index + match[0].length,
});

export function findEmails<Type extends string>(text: string, type: Type): Candidate<Type>[] {
  const regex = /(?<![\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24}(?![\w-])/g;
  return [...text.matchAll(regex)].map((m) => ({ type, subtype: 'EMAIL', ...span(m), score: 0.95 }));
}

export function findUrls<Type extends string>(text: string, type: Type): Candidate<Type>[] {
  const regex = /\bhttps?:\/\/[^\s<>"'`()（）「」]+[^\s<>"'`()（）「」.,;:!?。、]/g;
  return [...text.matchAll(regex)].map((m) => ({ type, subtype: 'URL', ...span(m), score: 0.95 }));
}

const PHONE_PATTERNS: readonly { regex: RegExp; score: number; minDigits: number; maxDigits: number }[] = [
  // International E.164 written with separators: +81 3-1234-5678, +44 20 7946 0958.
  { regex: /(?<![\w+])\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?![\w-])/g, score: 0.85, minDigits: 8, maxDigits: 15 },
  // US/NANP: (212) 555-0187, 212-555-0187, +1 212 555 0187 (area and exchange never start with 0/1).
  {
    regex: /(?<![\w+(-])(?:\+?1[\s.-]?)?(?:\([2-9]\d{2}\)\s?|[2-9]\d{2}[\s.-])[2-9]\d{2}[\s.-]\d{4}(?![\w-])/g,
    score: 0.85,
    minDigits: 10,
    maxDigits: 11,
  },
  // Japan domestic: 03-1234-5678, 090-1234-5678, 0120-123-456.
  { regex: /(?<![\w-])0\d{1,4}-\d{1,4}-\d{3,4}(?![\w-])/g, score: 0.85, minDigits: 10, maxDigits: 11 },
];

export function findPhones<Type extends string>(text: string, type: Type): Candidate<Type>[] {
  const found: Candidate<Type>[] = [];
  for (const pattern of PHONE_PATTERNS) {
    for (const match of text.matchAll(pattern.regex)) {
      const digits = match[0].replace(/\D/g, '').length;
      if (digits < pattern.minDigits || digits > pattern.maxDigits) continue;
      found.push({ type, subtype: 'PHONE', ...span(match), score: pattern.score });
    }
  }
  return found;
}

export function findIpAddresses<Type extends string>(text: string, type: Type): Candidate<Type>[] {
  const octet = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
  const regex = new RegExp(`(?<![\\d.])${octet}(?:\\.${octet}){3}(?![\\d.]*\\d)`, 'g');
  return [...text.matchAll(regex)].map((m) => ({ type, subtype: 'IP_ADDRESS', ...span(m), score: 0.8 }));
}
