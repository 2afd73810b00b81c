import { type ColumnSource, parquetWriteBuffer, type SchemaElement } from 'hyparquet-writer';
import { AnalyticsError } from '../errors';
import type { ScalarType } from '../schema/column-type';
import { type ColumnDefinition, defineTable } from '../schema/table';

/** A value for one Parquet cell; `undefined` and a missing key are written as NULL. */
export type ParquetCell = string | number | bigint | boolean | Date | null | undefined;
export type ParquetRow = Readonly<Record<string, ParquetCell>>;

const DAY_MS = 86_400_000;
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;

const SCHEMA: Record<ScalarType, Omit<SchemaElement, 'name'>> = {
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  bigint: { type: 'INT64' },
  double: { type: 'DOUBLE' },
  boolean: { type: 'BOOLEAN' },
  timestamp: { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' },
  date: { type: 'INT32', converted_type: 'DATE' },
};

type Converter = (value: Exclude<ParquetCell, null | undefined>) => unknown;

const wrongType =
  (expected: string): Converter =>
  (value) => {
    throw new AnalyticsError(`expected ${expected}, got ${typeof value === 'object' ? 'a Date' : typeof value}`);
  };

/** Per column type, the JS value hyparquet-writer stores; anything else is a caller bug worth an error. */
const CONVERT: Record<ScalarType, Converter> = {
  string: (v) => (typeof v === 'string' ? v : wrongType('a string')(v)),
  bigint: (v) => {
    if (typeof v === 'bigint') {
      if (v < -(2n ** 63n) || v >= 2n ** 63n) throw new AnalyticsError('bigint out of the signed 64-bit range');
      return v;
    }
    if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
    return wrongType('a bigint or a safe integer number')(v);
  },
  double: (v) => (typeof v === 'number' ? v : wrongType('a number')(v)),
  boolean: (v) => (typeof v === 'boolean' ? v : wrongType('a boolean')(v)),
  timestamp: (v) => {
    if (v instanceof Date && !Number.isNaN(v.getTime())) return v;
    return wrongType('a valid Date')(v);
  },
  date: (v) => {
    if (typeof v === 'string' && DATE_TEXT.test(v)) {
      const ms = Date.parse(`${v}T00:00:00Z`);
      if (!Number.isNaN(ms) && new Date(ms).toISOString().startsWith(v)) return ms / DAY_MS;
    }
    if (v instanceof Date && !Number.isNaN(v.getTime())) return Math.floor(v.getTime() / DAY_MS);
    return wrongType("a 'YYYY-MM-DD' string or a Date")(v);
  },
};

/**
 * A complete Parquet file (SNAPPY, one row group per 100k rows) in pure JS, with the schema derived from the
 * same column definitions as the Glue table and the DuckDB view. Scalar columns only: write array/struct data
 * as NDJSON. Doubles are written bit for bit, including -0, NaN and ±Infinity (see README on NaN).
 */
export const writeParquet = (rows: readonly ParquetRow[], columns: readonly ColumnDefinition[]): Uint8Array => {
  // defineTable validates names and types exactly as for the tables this file will be read through.
  const table = defineTable({ name: 'parquet_file', format: 'parquet', location: { prefix: '' }, columns });
  const known = new Set(table.columns.map((c) => c.name));
  rows.forEach((row, index) => {
    for (const key of Object.keys(row)) {
      if (!known.has(key)) throw new AnalyticsError(`Row ${index}: unknown column ${JSON.stringify(key)}`);
    }
  });
  const schema: SchemaElement[] = [{ name: 'root', num_children: table.columns.length }];
  const columnData: ColumnSource[] = table.columns.map((column) => {
    if (column.node.kind !== 'scalar') {
      throw new AnalyticsError(`Column ${column.name}: ${column.type} cannot be written to Parquet here; use ndjson`);
    }
    const type = column.node.type;
    schema.push({ name: column.name, repetition_type: 'OPTIONAL', ...SCHEMA[type] });
    const convert = CONVERT[type];
    const data = rows.map((row, index) => {
      const value = row[column.name];
      if (value === null || value === undefined) return null;
      try {
        return convert(value);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new AnalyticsError(`Row ${index}, column ${column.name}: ${reason}`, { cause: error });
      }
    });
    return { name: column.name, data, nullable: true };
  });
  const buffer = parquetWriteBuffer({ columnData, schema, rowGroupSize: 100_000 });
  return new Uint8Array(buffer);
};
