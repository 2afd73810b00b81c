/**
 * NULL for NaN and ±Infinity. Use it on doubles that feed statistics: the engines disagree on NaN (Trino:
 * NaN compares false with everything; DuckDB: NaN equals NaN and sorts above +Infinity), and aggregates skip NULL.
 */
export const finiteOrNull = (value: number | null | undefined): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
