import type { DuckDBType } from '@duckdb/node-api';
import type { SqlValue } from '../engine/port';
import { integerValue, timestampValue } from '../engine/values';

/** Type ids from `DuckDBTypeId`, listed as numbers so this module does not load the native binding. */
const INTEGERS = new Set([2, 3, 4, 5, 6, 7, 8, 9, 16, 32]);
const FLOATS = new Set([10, 11, 19]); // FLOAT, DOUBLE, DECIMAL
const TIMESTAMPS = new Set([12, 20, 21, 22]); // TIMESTAMP, _S, _MS, _NS (no zone)
const NESTED = new Set([24, 25, 26, 33]); // LIST, STRUCT, MAP, ARRAY

/** JSON-ish cell from `getRowObjectsJson` → the port's value, matching what Athena's text gives. */
export const duckDbCellValue = (type: DuckDBType, value: unknown): SqlValue => {
  if (value === null || value === undefined) return null;
  const id = type.typeId as number;
  if (INTEGERS.has(id)) return integerValue(String(value));
  if (FLOATS.has(id)) return Number(value);
  if (TIMESTAMPS.has(id)) return timestampValue(String(value));
  if (NESTED.has(id)) return JSON.stringify(value);
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value);
};
