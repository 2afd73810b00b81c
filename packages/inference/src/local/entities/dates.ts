import type { Candidate } from './candidate';

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const MONTH_NAME =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';

// First year of each Japanese era; era year 1 (元年) is that year.
const ERAS: Readonly<Record<string, number>> = { 令和: 2019, 平成: 1989, 昭和: 1926 };

/** True when year/month/day name a real calendar day. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const iso = (y: number, m: number, d: number): string =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

interface DatePattern {
  readonly regex: RegExp;
  readonly score: number;
  readonly parts: (m: RegExpExecArray) => [number, number, number] | undefined;
}

const num = (s: string | undefined): number => Number.parseInt((s ?? '').normalize('NFKC'), 10);

const PATTERNS: readonly DatePattern[] = [
  {
    // ISO 8601 date with optional time and zone.
    regex: /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d])/g,
    score: 0.95,
    parts: (m) => [num(m[1]), num(m[2]), num(m[3])],
  },
  {
    regex: /(?<![\d/.])(\d{4})([/.])(\d{1,2})\2(\d{1,2})(?![\d/.]\d)/g,
    score: 0.9,
    parts: (m) => [num(m[1]), num(m[3]), num(m[4])],
  },
  {
    // Japanese: 2024年3月1日, full-width digits, 令和6年3月1日, 令和元年5月1日.
    regex: /(令和|平成|昭和)?([0-9０-９]{1,4}|元)年\s?([0-9０-９]{1,2})月\s?([0-9０-９]{1,2})日/g,
    score: 0.95,
    parts: (m) => {
      const era = m[1];
      const rawYear = m[2] === '元' ? 1 : num(m[2]);
      if (era === undefined) return rawYear >= 1000 ? [rawYear, num(m[3]), num(m[4])] : undefined;
      const start = ERAS[era];
      return start === undefined ? undefined : [start + rawYear - 1, num(m[3]), num(m[4])];
    },
  },
  {
    // 1 March 2024, 01 Mar. 2024
    regex: new RegExp(`(?<![\\w])(\\d{1,2})\\s+${MONTH_NAME}\\s+(\\d{4})(?!\\d)`, 'gi'),
    score: 0.9,
    parts: (m) => monthParts(m[3], m[2], m[1]),
  },
  {
    // March 1, 2024 / Mar 1 2024
    regex: new RegExp(`(?<![\\w])${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`, 'gi'),
    score: 0.9,
    parts: (m) => monthParts(m[3], m[1], m[2]),
  },
  {
    // US numeric 03/01/2024 (month first), ambiguous so scored lower.
    regex: /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4})(?![\d/])/g,
    score: 0.75,
    parts: (m) => [num(m[3]), num(m[1]), num(m[2])],
  },
];

function monthParts(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
): [number, number, number] | undefined {
  const monthNumber = MONTHS[(month ?? '').toLowerCase().replace(/\.$/, '')];
  return monthNumber === undefined ? undefined : [num(year), monthNumber, num(day)];
}

/** Calendar dates in the formats invoices and records use; impossible dates (2024-02-30) are dropped. */
export function findDates<Type extends string>(text: string, type: Type): Candidate<Type>[] {
  const found: Candidate<Type>[] = [];
  for (const pattern of PATTERNS) {
    for (const match of text.matchAll(pattern.regex)) {
      const parts = pattern.parts(match as RegExpExecArray);
      if (parts === undefined || !isCalendarDate(...parts)) continue;
      found.push({
        type,
        subtype: 'DATE',
        begin: match.index,
        end: match.index + match[0].length,
        score: pattern.score,
        normalized: iso(...parts),
      });
    }
  }
  return found;
}
