/**
 * Whitespace that stays on one line: `\s` minus line and page breaks. Rules that join a label to its
 * value or the words of a name use this, because a line break in extracted document text separates
 * fields (a title line, a table cell), not words of one phrase.
 */
export const INLINE_SPACE = '[^\\S\\n\\r\\f\\v\\u2028\\u2029\\u0085]';

/** One line break (`\n`, `\r\n`, `\r`) with the indentation after it. */
export const LINE_BREAK = `(?:\\r\\n|[\\n\\r\\u2028\\u2029\\u0085])${INLINE_SPACE}*`;
