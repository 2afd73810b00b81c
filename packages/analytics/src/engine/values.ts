import type { SqlValue } from './port';

/**
 * Integers become numbers while exactly representable; larger ones stay decimal strings so no digit is lost.
 */
export const integerValue = (digits: string): SqlValue => {
  const asNumber = Number(digits);
  return Number.isSafeInteger(asNumber) ? asNumber : digits;
};

const TIMESTAMP_TEXT = /^(\d{4,}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?$/;

/**
 * Both engines' timestamps as `YYYY-MM-DD HH:MM:SS.sss` (milliseconds, no zone): Athena prints `.123`,
 * DuckDB drops a zero fraction, and Athena v3 may print microseconds.
 */
export const timestampValue = (text: string): string => {
  const match = TIMESTAMP_TEXT.exec(text);
  if (!match) return text;
  const fraction = (match[3] ?? '').padEnd(3, '0').slice(0, 3);
  return `${match[1]} ${match[2]}.${fraction}`;
};

/** Athena prints doubles Java-style (`1.0E10`, `NaN`, `Infinity`), all of which `Number` reads. */
export const doubleValue = (text: string): number => Number(text);
