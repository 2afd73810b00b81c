/** Decimal number as plants write it: optional sign, digits with an optional fraction, optional exponent. */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * ISO 8601 date-time: `YYYY-MM-DD`, `T` or a space, `HH:MM[:SS[.fraction]]`, then `Z`, `±HH:MM`, `±HHMM`
 * or nothing. Without a zone the time is taken as UTC (documented in the README): plant historians export UTC.
 */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** A finite double, or undefined for text that is not a plain decimal number (NaN, Infinity, `1,5`, `0x10`). */
export const parseDecimal = (text: string): number | undefined => {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
};

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The instant an ISO 8601 date-time names (millisecond precision), or undefined if it is not one. */
export const parseIsoTimestamp = (text: string): Date | undefined => {
  const match = ISO_DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? '0');
  // Date.UTC maps years 0-99 to 19xx; no sensor log predates year 1000.
  if (year < 1000) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Math.floor(Number(`0.${fraction ?? '0'}`) * 1000);
  let offsetMinutes = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const zh = Number(digits.slice(1, 3));
    const zm = Number(digits.slice(3, 5));
    if (zh > 23 || zm > 59) return undefined;
    offsetMinutes = (digits.startsWith('-') ? -1 : 1) * (zh * 60 + zm);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  const date = new Date(utc);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

export type InferredType = 'double' | 'timestamp' | 'boolean' | 'string' | 'empty';

/** The narrowest type every non-empty value fits, for reporting extra columns. */
export const inferValueType = (values: Iterable<string>): InferredType => {
  let candidates: InferredType[] = ['double', 'timestamp', 'boolean'];
  let any = false;
  for (const raw of values) {
    const value = raw.trim();
    if (value === '') continue;
    any = true;
    candidates = candidates.filter((type) =>
      type === 'double'
        ? parseDecimal(value) !== undefined
        : type === 'timestamp'
          ? parseIsoTimestamp(value) !== undefined
          : /^(true|false)$/i.test(value),
    );
    if (candidates.length === 0) return 'string';
  }
  if (!any) return 'empty';
  return candidates[0] ?? 'string';
};
