import type { SqlDialect } from '../sql/dialect';

/** One cell as both engines return it (see README "Values"): numbers, strings, booleans or null. */
export type SqlValue = string | number | boolean | null;
export type SqlRow = Record<string, SqlValue>;

export interface QueryResult {
  /** Column names in SELECT order. */
  readonly columns: string[];
  readonly rows: SqlRow[];
}

/** The port a handler queries through: Athena in AWS, DuckDB locally. */
export interface SqlEngine {
  /** Which SQL dialect fragments (`sqlFor(engine.dialect)`) this engine needs. */
  readonly dialect: SqlDialect;
  query(sql: string): Promise<QueryResult>;
}
