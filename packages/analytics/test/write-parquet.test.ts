import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsError, type ColumnDefinition, finiteOrNull, type ParquetRow, writeParquet } from '../src';
import { useBucketDir } from './fixtures';

// DuckDB's own Parquet reader (C++) is the independent implementation the files are checked against;
// its native JS values (bigint, Date, number) are compared, not this package's engine conversions.
const bucket = useBucketDir();
let connection: DuckDBConnection;
let instance: DuckDBInstance;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

const COLUMNS: ColumnDefinition[] = [
  { name: 's', type: 'string' },
  { name: 'b', type: 'bigint' },
  { name: 'd', type: 'double' },
  { name: 'f', type: 'boolean' },
  { name: 'ts', type: 'timestamp' },
  { name: 'dt', type: 'date' },
];

const readBack = async (bytes: Uint8Array) => {
  const path = join(await bucket.make(), 'file.parquet');
  await writeFile(path, bytes);
  const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${path}')`);
  const rows = await connection.runAndReadAll(`SELECT * FROM read_parquet('${path}')`);
  return {
    types: described.getRowObjectsJS().map((r) => `${String(r.column_name)} ${String(r.column_type)}`),
    rows: rows.getRowObjectsJS(),
  };
};

describe('writeParquet', () => {
  it('writes a file DuckDB reads back with the declared types and exact values', async () => {
    const rows: ParquetRow[] = [
      {
        s: 'héllo — 日本語 🎉',
        b: 9007199254740993n,
        d: -1.5e-300,
        f: true,
        ts: new Date('2024-05-01T10:20:30.123Z'),
        dt: '2024-05-01',
      },
      { s: '', b: -9223372036854775808n, d: Number.NaN, f: false, ts: new Date(-1), dt: '1969-12-31' },
      { s: null, b: 42, d: Number.NEGATIVE_INFINITY, f: null, ts: null, dt: new Date('2000-02-29T23:00:00Z') },
      {},
    ];

    const { types, rows: read } = await readBack(writeParquet(rows, COLUMNS));

    expect(types).toEqual(['s VARCHAR', 'b BIGINT', 'd DOUBLE', 'f BOOLEAN', 'ts TIMESTAMP', 'dt DATE']);
    expect(read).toHaveLength(4);
    expect(read[0]).toEqual({
      s: 'héllo — 日本語 🎉',
      b: 9007199254740993n,
      d: -1.5e-300,
      f: true,
      ts: new Date('2024-05-01T10:20:30.123Z'),
      dt: new Date('2024-05-01T00:00:00Z'),
    });
    expect(read[1]?.b).toBe(-9223372036854775808n);
    expect(read[1]?.d).toBeNaN();
    expect(read[1]?.ts).toEqual(new Date('1969-12-31T23:59:59.999Z'));
    expect(read[1]?.dt).toEqual(new Date('1969-12-31T00:00:00Z'));
    expect(read[2]).toEqual({
      s: null,
      b: 42n,
      d: Number.NEGATIVE_INFINITY,
      f: null,
      ts: null,
      dt: new Date('2000-02-29T00:00:00Z'),
    });
    expect(read[3]).toEqual({ s: null, b: null, d: null, f: null, ts: null, dt: null });
  });

  it('writes an empty file with the full schema', async () => {
    const { types, rows } = await readBack(writeParquet([], COLUMNS));

    expect(types).toEqual(['s VARCHAR', 'b BIGINT', 'd DOUBLE', 'f BOOLEAN', 'ts TIMESTAMP', 'dt DATE']);
    expect(rows).toEqual([]);
  });

  it('round-trips random rows (unicode, negative/NaN/±0/∞ doubles, 64-bit integers, nulls) through DuckDB', async () => {
    const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
    const row = fc.record({
      s: nullable(fc.string({ unit: 'grapheme', maxLength: 12 })),
      b: nullable(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })),
      d: nullable(fc.double()),
      f: nullable(fc.boolean()),
      ts: nullable(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }),
      ),
      dt: nullable(
        fc
          .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 20 }), async (rows) => {
        const { rows: read } = await readBack(writeParquet(rows, COLUMNS));
        expect(read).toHaveLength(rows.length);
        rows.forEach((expected, i) => {
          const actual = read[i] ?? {};
          expect(actual.s).toBe(expected.s);
          expect(actual.b).toBe(expected.b);
          expect(Object.is(actual.d, expected.d)).toBe(true);
          expect(actual.f).toBe(expected.f);
          expect(actual.ts === null ? null : (actual.ts as Date).getTime()).toBe(
            expected.ts === null ? null : expected.ts.getTime(),
          );
          expect(actual.dt === null ? null : (actual.dt as Date).toISOString().slice(0, 10)).toBe(expected.dt);
        });
      }),
      { numRuns: 40 },
    );
  });

  it.each([
    ['a number in a string column', { s: 1 }, /Row 0, column s: expected a string/],
    ['a fractional number in a bigint column', { b: 1.5 }, /expected a bigint or a safe integer/],
    ['a bigint beyond 64 bits', { b: 2n ** 63n }, /out of the signed 64-bit range/],
    ['an invalid date', { ts: new Date(Number.NaN) }, /expected a valid Date/],
    ['an impossible calendar date', { dt: '2023-02-29' }, /YYYY-MM-DD/],
    ['an unknown column', { sx: 'typo' }, /unknown column "sx"/],
  ])('rejects %s with AnalyticsError', (_label, row, message) => {
    const write = () => writeParquet([row as ParquetRow], COLUMNS);

    expect(write).toThrow(AnalyticsError);
    expect(write).toThrow(message);
  });

  it('refuses nested columns, which belong in NDJSON tables', () => {
    expect(() => writeParquet([], [{ name: 'tags', type: 'array<string>' }])).toThrow(/use ndjson/);
  });
});

describe('finiteOrNull', () => {
  it('keeps finite numbers (including -0) and turns NaN, ±Infinity and missing values into null', () => {
    expect(
      [1.5, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, undefined, null].map(finiteOrNull),
    ).toEqual([1.5, -0, null, null, null, null, null]);
  });
});
