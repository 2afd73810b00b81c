import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalyticsError, defineTable, duckDbViewSql, parseColumnType, renderHiveType, type TypeNode } from '../src';
import { useBucketDir } from './fixtures';

const bucket = useBucketDir();

const identifier = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/);
const typeNode: fc.Arbitrary<TypeNode> = fc.letrec<{ node: TypeNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .constantFrom('string', 'bigint', 'double', 'boolean', 'timestamp', 'date')
      .map((type) => ({ kind: 'scalar' as const, type })),
    tie('node').map((element) => ({ kind: 'array' as const, element })),
    fc
      .uniqueArray(fc.record({ name: identifier, type: tie('node') }), {
        minLength: 1,
        maxLength: 4,
        selector: (f) => f.name,
      })
      .map((fields) => ({ kind: 'struct' as const, fields })),
  ),
})).node;

describe('column types', () => {
  it('parses what it renders, for any nesting of arrays and structs', () => {
    fc.assert(
      fc.property(typeNode, (node) => {
        expect(parseColumnType(renderHiveType(node))).toEqual(node);
      }),
    );
  });

  it('accepts spaces around tokens and renders the canonical Glue spelling', () => {
    const node = parseColumnType('array< struct< sid : string , n : array<bigint> > >');

    expect(renderHiveType(node)).toBe('array<struct<sid:string,n:array<bigint>>>');
  });

  it.each([
    'int',
    'varchar',
    'array<>',
    'array<string',
    'struct<>',
    'struct<a:string,a:bigint>',
    'struct<A:string>',
    'map<string,string>',
    'string extra',
  ])('rejects %s with AnalyticsError', (text) => {
    expect(() => parseColumnType(text)).toThrow(AnalyticsError);
  });

  it('never throws anything but AnalyticsError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        try {
          parseColumnType(text);
        } catch (error) {
          expect(error).toBeInstanceOf(AnalyticsError);
        }
      }),
    );
  });

  it('gives DuckDB the same types (checked by DuckDB describing the view it created)', async () => {
    const table = defineTable({
      name: 'typed',
      format: 'ndjson',
      location: { prefix: 'typed/' },
      columns: [
        { name: 's', type: 'string' },
        { name: 'b', type: 'bigint' },
        { name: 'd', type: 'double' },
        { name: 'f', type: 'boolean' },
        { name: 'ts', type: 'timestamp' },
        { name: 'dt', type: 'date' },
        { name: 'acls', type: 'array<struct<sid:string,inherited:boolean,n:array<bigint>>>' },
      ],
    });
    const engine = bucket.engine([table], await bucket.make());

    const described = await engine.query('SELECT column_name, column_type FROM (DESCRIBE typed)');

    expect(described.rows).toEqual([
      { column_name: 's', column_type: 'VARCHAR' },
      { column_name: 'b', column_type: 'BIGINT' },
      { column_name: 'd', column_type: 'DOUBLE' },
      { column_name: 'f', column_type: 'BOOLEAN' },
      { column_name: 'ts', column_type: 'TIMESTAMP' },
      { column_name: 'dt', column_type: 'DATE' },
      { column_name: 'acls', column_type: 'STRUCT(sid VARCHAR, inherited BOOLEAN, n BIGINT[])[]' },
    ]);
    expect(duckDbViewSql(table, [])).toContain('WHERE false');
  });
});

describe('defineTable', () => {
  const base = {
    name: 't',
    format: 'ndjson' as const,
    location: { prefix: 'out/t' },
    columns: [{ name: 'a', type: 'string' as const }],
  };

  it('normalises the prefix to end with a slash', () => {
    expect(defineTable(base).location.prefix).toBe('out/t/');
  });

  it.each([
    ['an upper-case table name', { ...base, name: 'Events' }],
    ['a column name with a dash', { ...base, columns: [{ name: 'file-key', type: 'string' as const }] }],
    ['no columns', { ...base, columns: [] }],
    ['a duplicate column', { ...base, columns: [base.columns[0], base.columns[0]] }],
    ['a partition key repeating a column', { ...base, partitionKeys: [{ name: 'a', type: 'string' as const }] }],
    ['a nested partition key', { ...base, partitionKeys: [{ name: 'p', type: 'array<string>' as const }] }],
    ['a prefix escaping the root', { ...base, location: { prefix: '../etc/' } }],
    ['an absolute prefix', { ...base, location: { prefix: '/etc/' } }],
  ])('rejects %s', (_label, input) => {
    expect(() => defineTable(input as Parameters<typeof defineTable>[0])).toThrow(AnalyticsError);
  });
});
