import { AnalyticsError } from '../errors';

/** Scalar Hive types both engines map one to one. */
export const SCALAR_TYPES = ['string', 'bigint', 'double', 'boolean', 'timestamp', 'date'] as const;
export type ScalarType = (typeof SCALAR_TYPES)[number];

/** A column type in Hive syntax, as Glue stores it: `string`, `array<bigint>`, `struct<sid:string,…>`. */
export type ColumnType = ScalarType | `array<${string}>` | `struct<${string}>`;

export type TypeNode =
  | { readonly kind: 'scalar'; readonly type: ScalarType }
  | { readonly kind: 'array'; readonly element: TypeNode }
  | { readonly kind: 'struct'; readonly fields: readonly { readonly name: string; readonly type: TypeNode }[] };

/** Lower case because Glue lowercases names and Athena compares them case-insensitively; DuckDB does not. */
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export const isIdentifier = (name: string): boolean => IDENTIFIER.test(name);

const isScalar = (word: string): word is ScalarType => (SCALAR_TYPES as readonly string[]).includes(word);

/** Parses a Hive type string (spaces allowed around tokens) into a tree; throws AnalyticsError if invalid. */
export const parseColumnType = (text: string): TypeNode => {
  let pos = 0;
  const fail = (what: string): never => {
    throw new AnalyticsError(`Invalid column type ${JSON.stringify(text)}: ${what} at offset ${pos}`);
  };
  const skipSpaces = () => {
    while (text[pos] === ' ') pos += 1;
  };
  const word = (): string => {
    skipSpaces();
    const match = /^[a-z_][a-z0-9_]*/.exec(text.slice(pos));
    if (!match) return fail('expected a name');
    pos += match[0].length;
    return match[0];
  };
  const expect = (char: string) => {
    skipSpaces();
    if (text[pos] !== char) fail(`expected '${char}'`);
    pos += 1;
  };
  const type = (): TypeNode => {
    const name = word();
    if (isScalar(name)) return { kind: 'scalar', type: name };
    if (name === 'array') {
      expect('<');
      const element = type();
      expect('>');
      return { kind: 'array', element };
    }
    if (name === 'struct') {
      expect('<');
      const fields: { name: string; type: TypeNode }[] = [];
      do {
        if (fields.length > 0) pos += 1;
        const fieldName = word();
        if (fields.some((f) => f.name === fieldName)) fail(`duplicate field '${fieldName}'`);
        expect(':');
        fields.push({ name: fieldName, type: type() });
        skipSpaces();
      } while (text[pos] === ',');
      expect('>');
      return { kind: 'struct', fields };
    }
    return fail(`unknown type '${name}'`);
  };
  const node = type();
  skipSpaces();
  if (pos !== text.length) fail('unexpected trailing text');
  return node;
};

/** Canonical Hive spelling (no spaces), the form Glue and Athena DDL use. */
export const renderHiveType = (node: TypeNode): string => {
  switch (node.kind) {
    case 'scalar':
      return node.type;
    case 'array':
      return `array<${renderHiveType(node.element)}>`;
    case 'struct':
      return `struct<${node.fields.map((f) => `${f.name}:${renderHiveType(f.type)}`).join(',')}>`;
  }
};

const DUCKDB_SCALARS: Record<ScalarType, string> = {
  string: 'VARCHAR',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP',
  date: 'DATE',
};

/** The DuckDB type with the same values (Hive `string` = VARCHAR, `array<T>` = `T[]`, struct = STRUCT). */
export const renderDuckDbType = (node: TypeNode): string => {
  switch (node.kind) {
    case 'scalar':
      return DUCKDB_SCALARS[node.type];
    case 'array':
      return `${renderDuckDbType(node.element)}[]`;
    case 'struct':
      return `STRUCT(${node.fields.map((f) => `"${f.name}" ${renderDuckDbType(f.type)}`).join(', ')})`;
  }
};
