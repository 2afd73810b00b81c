import { AnalyticsError } from '../errors';
import { renderDuckDbType } from '../schema/column-type';
import type { ResolvedColumn, TableDefinition } from '../schema/table';
import { stringLiteral } from '../sql/dialect';

const quote = (name: string) => `"${name}"`;

/** DuckDB expands `*`, `?`, `[` and `{` even in a list of paths, so such a file cannot be named exactly. */
const GLOB_CHARS = /[*?[\]{}]/;

const typedNulls = (columns: readonly ResolvedColumn[]) =>
  columns.map((c) => `CAST(NULL AS ${renderDuckDbType(c.node)}) AS ${quote(c.name)}`).join(', ');

const structOf = (columns: readonly ResolvedColumn[]) =>
  `{${columns.map((c) => `${quote(c.name)}: ${stringLiteral(renderDuckDbType(c.node))}`).join(', ')}}`;

/**
 * `CREATE OR REPLACE VIEW <name>` over exactly `files` with the table's column names and types (partition
 * columns last, as in Athena). No files gives an empty view of the same shape, as Athena over an empty prefix.
 */
export const duckDbViewSql = (table: TableDefinition, files: readonly string[]): string => {
  const all = [...table.columns, ...table.partitionKeys];
  const head = `CREATE OR REPLACE VIEW ${quote(table.name)} AS SELECT`;
  if (files.length === 0) return `${head} ${typedNulls(all)} WHERE false`;
  const bad = files.find((f) => GLOB_CHARS.test(f));
  if (bad) throw new AnalyticsError(`Table ${table.name}: file name ${JSON.stringify(bad)} contains glob characters`);
  const list = `[${files.map(stringLiteral).join(', ')}]`;
  const hive =
    table.partitionKeys.length > 0 ? `, hive_partitioning = true, hive_types = ${structOf(table.partitionKeys)}` : '';
  if (table.format === 'ndjson') {
    const select = all.map((c) => quote(c.name)).join(', ');
    return `${head} ${select} FROM read_json(${list}, columns = ${structOf(table.columns)}, format = 'newline_delimited'${hive})`;
  }
  // Parquet files carry their own types; cast to the declared ones so both engines agree on the schema.
  const select = all.map((c) => `CAST(${quote(c.name)} AS ${renderDuckDbType(c.node)}) AS ${quote(c.name)}`).join(', ');
  return `${head} ${select} FROM read_parquet(${list}, union_by_name = true${hive})`;
};
