import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnalyticsError, defineTable, duckDbViewSql, writeParquet } from '../src';
import { useBucketDir, writeBytes, writeNdjson } from './fixtures';

const bucket = useBucketDir();

const events = defineTable({
  name: 'events',
  format: 'ndjson',
  location: { prefix: 'out/events/' },
  columns: [
    { name: 'id', type: 'string' },
    { name: 'n', type: 'bigint' },
    { name: 'x', type: 'double' },
    { name: 'ok', type: 'boolean' },
    { name: 'seen_at', type: 'timestamp' },
    { name: 'day', type: 'date' },
    { name: 'tags', type: 'array<string>' },
  ],
});

describe('createDuckDbEngine', () => {
  it('reads NDJSON under the prefix with the declared names and types, recursively, skipping _ and . files', async () => {
    const root = await bucket.make();
    await writeNdjson(root, 'out/events/2024/05/01/a.jsonl', [
      {
        id: 'a',
        n: 0,
        x: 1.25,
        ok: true,
        seen_at: '2024-05-01 10:00:00.000',
        day: '2024-05-01',
        tags: ['p', 'q'],
        extra: 1,
      },
      { id: 'b', n: 2, x: -3, ok: false, seen_at: '2024-05-01T10:00:00.5Z', day: '2024-05-02', tags: [] },
    ]);
    // 2^53 + 1 as JSON text: not representable as a JS number, so it must come back as exact digits.
    await writeBytes(root, 'out/events/c.json', new TextEncoder().encode('{"id":"c","n":9007199254740993}\n'));
    await writeNdjson(root, 'out/events/_SUCCESS', [{ id: 'hidden-marker' }]);
    await writeNdjson(root, 'out/events/.tmp/d.json', [{ id: 'hidden-dir' }]);
    await writeNdjson(root, 'out/other/e.json', [{ id: 'other-prefix' }]);
    const engine = bucket.engine([events], root);

    const result = await engine.query('SELECT * FROM events ORDER BY id');

    expect(engine.dialect).toBe('duckdb');
    expect(result.columns).toEqual(['id', 'n', 'x', 'ok', 'seen_at', 'day', 'tags']);
    expect(result.rows).toEqual([
      { id: 'a', n: 0, x: 1.25, ok: true, seen_at: '2024-05-01 10:00:00.000', day: '2024-05-01', tags: '["p","q"]' },
      { id: 'b', n: 2, x: -3, ok: false, seen_at: '2024-05-01 10:00:00.500', day: '2024-05-02', tags: '[]' },
      { id: 'c', n: '9007199254740993', x: null, ok: null, seen_at: null, day: null, tags: null },
    ]);
  });

  it('gives an empty table of the same shape when the prefix has no files, and sees files written later', async () => {
    const root = await bucket.make();
    const engine = bucket.engine([events], root);

    const before = await engine.query('SELECT count(*) AS n, max(seen_at) AS latest FROM events');
    await writeNdjson(root, 'out/events/late.json', [{ id: 'late', seen_at: '2024-06-01 00:00:00' }]);
    const after = await engine.query('SELECT count(*) AS n, max(seen_at) AS latest FROM events');

    expect(before.rows).toEqual([{ n: 0, latest: null }]);
    expect(after.rows).toEqual([{ n: 1, latest: '2024-06-01 00:00:00.000' }]);
  });

  it('reads Parquet tables through the declared types and Hive partitions as trailing columns', async () => {
    const root = await bucket.make();
    const readings = defineTable({
      name: 'readings',
      format: 'parquet',
      location: { prefix: 'parquet' },
      columns: [
        { name: 'sensor', type: 'string' },
        { name: 'value', type: 'double' },
      ],
      partitionKeys: [{ name: 'dt', type: 'date' }],
    });
    const columns = readings.columns;
    await writeBytes(
      root,
      'parquet/dt=2024-05-01/part-0.parquet',
      writeParquet([{ sensor: 's1', value: 1.5 }], columns),
    );
    await writeBytes(root, 'parquet/dt=2024-05-02/part-0.parquet', writeParquet([{ sensor: 's2', value: 2 }], columns));
    const engine = bucket.engine([readings], root);

    const result = await engine.query("SELECT sensor, value, dt FROM readings WHERE dt > DATE '2024-05-01'");
    const described = await engine.query('SELECT column_name, column_type FROM (DESCRIBE readings)');

    expect(result.rows).toEqual([{ sensor: 's2', value: 2, dt: '2024-05-02' }]);
    expect(described.rows).toEqual([
      { column_name: 'sensor', column_type: 'VARCHAR' },
      { column_name: 'value', column_type: 'DOUBLE' },
      { column_name: 'dt', column_type: 'DATE' },
    ]);
  });

  it('wraps SQL errors in AnalyticsError and keeps working afterwards', async () => {
    const root = await bucket.make();
    await mkdir(join(root, 'out/events'), { recursive: true });
    const engine = bucket.engine([events], root);

    const error = await engine.query('SELECT nope FROM events').catch((e: unknown) => e);
    const next = await engine.query('SELECT 1 AS one');

    expect(error).toBeInstanceOf(AnalyticsError);
    expect((error as AnalyticsError).transient).toBe(false);
    expect((error as AnalyticsError).message).toContain('nope');
    expect(next.rows).toEqual([{ one: 1 }]);
  });

  it('runs concurrent queries one after another with correct results', async () => {
    const root = await bucket.make();
    await writeNdjson(root, 'out/events/a.json', [
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ]);
    const engine = bucket.engine([events], root);

    const results = await Promise.all([1, 2, 3].map((k) => engine.query(`SELECT sum(n) * ${k} AS total FROM events`)));

    expect(results.map((r) => r.rows[0]?.total)).toEqual([3, 6, 9]);
  });

  it('refuses file names DuckDB would treat as a glob instead of reading other files', async () => {
    const root = await bucket.make();
    await writeNdjson(root, 'out/events/a[1].json', [{ id: 'a' }]);
    const engine = bucket.engine([events], root);

    await expect(engine.query('SELECT * FROM events')).rejects.toThrow(/glob characters/);
  });
});

describe('duckDbViewSql', () => {
  it('renders read_json with the declared column struct and a typed empty view', () => {
    const table = defineTable({
      name: 'acl',
      format: 'ndjson',
      location: { prefix: 'acl-data/' },
      columns: [
        { name: 'object_key', type: 'string' },
        { name: 'acls', type: 'array<struct<sid:string,permissions:string>>' },
      ],
    });

    expect(duckDbViewSql(table, ["/data/it's.json"])).toBe(
      `CREATE OR REPLACE VIEW "acl" AS SELECT "object_key", "acls" FROM read_json(['/data/it''s.json'], columns = {"object_key": 'VARCHAR', "acls": 'STRUCT("sid" VARCHAR, "permissions" VARCHAR)[]'}, format = 'newline_delimited')`,
    );
    expect(duckDbViewSql(table, [])).toBe(
      `CREATE OR REPLACE VIEW "acl" AS SELECT CAST(NULL AS VARCHAR) AS "object_key", CAST(NULL AS STRUCT("sid" VARCHAR, "permissions" VARCHAR)[]) AS "acls" WHERE false`,
    );
  });
});
