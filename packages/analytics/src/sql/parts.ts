import { AnalyticsError } from '../errors';
import { isIdentifier } from '../schema/column-type';
import type { TableDefinition } from '../schema/table';

/** A table reference for query text: a defined table or its name, checked so it needs no quoting. */
export type TableRef = TableDefinition | string;

export const tableName = (table: TableRef): string => {
  const name = typeof table === 'string' ? table : table.name;
  if (!isIdentifier(name)) throw new AnalyticsError(`Table name ${JSON.stringify(name)} must match [a-z_][a-z0-9_]*`);
  return name;
};

export const columnName = (name: string): string => {
  if (!isIdentifier(name)) throw new AnalyticsError(`Column name ${JSON.stringify(name)} must match [a-z_][a-z0-9_]*`);
  return name;
};

export const limitClause = (limit: number): string => {
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new AnalyticsError(`LIMIT must be a positive integer, got ${limit}`);
  return `LIMIT ${limit}`;
};

/** Default row cap of finding queries (the reference's Athena queries used LIMIT 1000). */
export const DEFAULT_LIMIT = 1000;
