import { AnalyticsError } from '../errors';

export type SqlDialect = 'athena' | 'duckdb';

/**
 * The only SQL fragments that differ between Athena (Trino) and DuckDB. Queries are written once and call
 * these; everything else in their text is the same on both engines.
 */
export interface DialectFragments {
  /**
   * Percentile `p` (0..1) of a numeric expression. Athena: `approx_percentile` (T-Digest, approximate, returns
   * the input's type); DuckDB: `quantile_cont` (exact, linear interpolation, DOUBLE). Cast the input to DOUBLE.
   */
  percentile(expression: string, p: number): string;
  /**
   * A join that turns each element of an `array<struct<…>>` into one row whose fields are `alias.<field>`.
   * Trino expands row elements into columns by itself; DuckDB needs the struct unpacked one level deep.
   */
  unnestStructs(arrayExpression: string, alias: string, fields: readonly string[]): string;
  /** True when `expression` contains a match of `pattern` (Athena: Java regex; DuckDB: RE2; keep to the common subset). */
  regexpLike(expression: string, pattern: string): string;
}

const checkP = (p: number) => {
  if (!(p >= 0 && p <= 1)) throw new AnalyticsError(`Percentile must be between 0 and 1, got ${p}`);
  return String(p);
};

const fieldList = (alias: string, fields: readonly string[]) => `${alias} (${fields.join(', ')})`;

const athena: DialectFragments = {
  percentile: (expression, p) => `approx_percentile(${expression}, ${checkP(p)})`,
  unnestStructs: (array, alias, fields) => `CROSS JOIN UNNEST(${array}) AS ${fieldList(alias, fields)}`,
  regexpLike: (expression, pattern) => `regexp_like(${expression}, ${stringLiteral(pattern)})`,
};

const duckdb: DialectFragments = {
  percentile: (expression, p) => `quantile_cont(${expression}, ${checkP(p)})`,
  unnestStructs: (array, alias, fields) =>
    `CROSS JOIN LATERAL (SELECT UNNEST(${array}, max_depth := 2)) AS ${fieldList(alias, fields)}`,
  regexpLike: (expression, pattern) => `regexp_matches(${expression}, ${stringLiteral(pattern)})`,
};

export const sqlFor = (dialect: SqlDialect): DialectFragments => (dialect === 'athena' ? athena : duckdb);

/** Queries accept an engine's dialect name or, in tests, a fragment renderer of their own. */
export type DialectInput = SqlDialect | DialectFragments;

export const fragmentsOf = (dialect: DialectInput): DialectFragments =>
  typeof dialect === 'string' ? sqlFor(dialect) : dialect;

/** A SQL string literal (single quotes doubled), the same on both engines. */
export const stringLiteral = (value: string): string => `'${value.replaceAll("'", "''")}'`;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * `TIMESTAMP 'YYYY-MM-DD HH:MM:SS.sss'` in UTC. Queries take "now" as a parameter and compare against literals
 * instead of calling now(), so results are deterministic and both engines see the same instant.
 */
export const timestampLiteral = (instant: Date): string => {
  if (Number.isNaN(instant.getTime())) throw new AnalyticsError('Invalid date for a timestamp literal');
  return `TIMESTAMP '${formatTimestamp(instant)}'`;
};

/** `YYYY-MM-DD HH:MM:SS.sss` in UTC: the timestamp text to write into NDJSON outputs and the engines return. */
export const formatTimestamp = (instant: Date): string =>
  `${instant.getUTCFullYear()}-${pad(instant.getUTCMonth() + 1)}-${pad(instant.getUTCDate())} ` +
  `${pad(instant.getUTCHours())}:${pad(instant.getUTCMinutes())}:${pad(instant.getUTCSeconds())}.${pad(instant.getUTCMilliseconds(), 3)}`;

/** A number literal for thresholds; rejects NaN/Infinity, which neither engine accepts as a bare literal. */
export const numberLiteral = (value: number): string => {
  if (!Number.isFinite(value)) throw new AnalyticsError(`Not a finite number: ${value}`);
  return String(value);
};
