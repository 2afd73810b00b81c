import type { ColumnInfo, Datum } from '@aws-sdk/client-athena';
import type { SqlValue } from '../engine/port';
import { doubleValue, integerValue, timestampValue } from '../engine/values';

const INTEGER_TYPES = new Set(['tinyint', 'smallint', 'integer', 'int', 'bigint']);
const DECIMAL_TYPES = new Set(['double', 'float', 'real', 'decimal']);

/**
 * Converts one Athena cell (always text) by its column's type. A Datum without VarCharValue is SQL NULL;
 * an empty VarCharValue is the empty string.
 */
export const athenaCellValue = (column: ColumnInfo, datum: Datum | undefined): SqlValue => {
  const text = datum?.VarCharValue;
  if (text === undefined) return null;
  const type = column.Type?.toLowerCase() ?? 'varchar';
  if (INTEGER_TYPES.has(type)) return integerValue(text);
  if (DECIMAL_TYPES.has(type)) return doubleValue(text);
  if (type === 'boolean') return text === 'true';
  if (type === 'timestamp') return timestampValue(text);
  return text;
};
