import { AnalyticsError } from '../errors';
import { type ColumnType, isIdentifier, parseColumnType, type TypeNode } from './column-type';

export interface ColumnDefinition {
  readonly name: string;
  readonly type: ColumnType;
}

export type TableFormat = 'ndjson' | 'parquet';

export interface TableDefinitionInput {
  /** Glue table name in AWS and view name in DuckDB; lower case `[a-z_][a-z0-9_]*`. */
  readonly name: string;
  readonly columns: readonly ColumnDefinition[];
  readonly format: TableFormat;
  /** Key prefix of the files, relative to the bucket (AWS) or to the engine's root directory (local). */
  readonly location: { readonly prefix: string };
  /** Hive-style partition columns (`<prefix>/<key>=<value>/…`); scalar types only. */
  readonly partitionKeys?: readonly ColumnDefinition[];
}

export interface ResolvedColumn extends ColumnDefinition {
  readonly node: TypeNode;
}

export interface TableDefinition {
  readonly name: string;
  readonly format: TableFormat;
  readonly location: { readonly prefix: string };
  readonly columns: readonly ResolvedColumn[];
  readonly partitionKeys: readonly ResolvedColumn[];
}

const resolve = (table: string, column: ColumnDefinition): ResolvedColumn => {
  if (!isIdentifier(column.name)) {
    throw new AnalyticsError(`Table ${table}: column name ${JSON.stringify(column.name)} must match [a-z_][a-z0-9_]*`);
  }
  return { name: column.name, type: column.type, node: parseColumnType(column.type) };
};

/**
 * Validates one table schema that both Glue (`glueTableCfn`) and DuckDB (`duckDbViewSql`) are rendered from,
 * so the two engines see the same column names and types.
 */
export const defineTable = (input: TableDefinitionInput): TableDefinition => {
  if (!isIdentifier(input.name)) {
    throw new AnalyticsError(`Table name ${JSON.stringify(input.name)} must match [a-z_][a-z0-9_]*`);
  }
  const prefix = input.location.prefix;
  if (prefix.startsWith('/') || prefix.split('/').some((part) => part === '..' || part === '.')) {
    throw new AnalyticsError(`Table ${input.name}: location prefix must be a relative key prefix without . or ..`);
  }
  if (input.columns.length === 0) throw new AnalyticsError(`Table ${input.name}: at least one column is required`);
  const columns = input.columns.map((c) => resolve(input.name, c));
  const partitionKeys = (input.partitionKeys ?? []).map((c) => resolve(input.name, c));
  const seen = new Set<string>();
  for (const column of [...columns, ...partitionKeys]) {
    if (seen.has(column.name)) throw new AnalyticsError(`Table ${input.name}: duplicate column ${column.name}`);
    seen.add(column.name);
  }
  for (const key of partitionKeys) {
    if (key.node.kind !== 'scalar')
      throw new AnalyticsError(`Table ${input.name}: partition key ${key.name} must be scalar`);
  }
  return {
    name: input.name,
    format: input.format,
    location: { prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/` },
    columns,
    partitionKeys,
  };
};
