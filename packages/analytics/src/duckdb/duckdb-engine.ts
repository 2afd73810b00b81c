import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { QueryResult, SqlEngine, SqlRow } from '../engine/port';
import { AnalyticsError } from '../errors';
import type { TableDefinition } from '../schema/table';
import { duckDbCellValue } from './result-values';
import { listTableFiles } from './table-files';
import { duckDbViewSql } from './view-sql';

export interface DuckDbEngineOptions {
  readonly tables: readonly TableDefinition[];
  /** Local folder that stands for the bucket root: each table reads `<rootDir>/<location.prefix>`. */
  readonly rootDir: string;
}

export interface DuckDbEngine extends SqlEngine {
  /** Releases the in-memory database; later queries open a new one. */
  close(): Promise<void>;
}

/**
 * DuckDB (in memory, in process) behind the SqlEngine port. Before each query every table's view is
 * recreated over the files present at that moment, so outputs written between queries are seen, as in
 * Athena. Queries run one at a time on one connection.
 */
export const createDuckDbEngine = (options: DuckDbEngineOptions): DuckDbEngine => {
  let connection: Promise<{ connection: DuckDBConnection; close: () => void }> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const open = async () => {
    // Loaded on first use so a Lambda bundle that never selects DuckDB need not ship its native binding.
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    return {
      connection: conn,
      close: () => {
        conn.closeSync();
        instance.closeSync();
      },
    };
  };

  const refreshViews = async (conn: DuckDBConnection) => {
    for (const table of options.tables) {
      const files = await listTableFiles(join(options.rootDir, table.location.prefix));
      await conn.run(duckDbViewSql(table, files));
    }
  };

  const run = async (sql: string): Promise<QueryResult> => {
    connection ??= open();
    const { connection: conn } = await connection;
    try {
      await refreshViews(conn);
      const reader = await conn.runAndReadAll(sql);
      const columns = reader.columnNames();
      const types = reader.columnTypes();
      const rows = reader.getRowsJson().map((values) => {
        const row: SqlRow = {};
        columns.forEach((name, i) => {
          const type = types[i];
          row[name] = type ? duckDbCellValue(type, values[i]) : null;
        });
        return row;
      });
      return { columns, rows };
    } catch (error) {
      if (error instanceof AnalyticsError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new AnalyticsError(`DuckDB query failed: ${message}`, { cause: error });
    }
  };

  return {
    dialect: 'duckdb',
    query: (sql) => {
      const result = queue.then(() => run(sql));
      queue = result.catch(() => undefined);
      return result;
    },
    close: async () => {
      const current = connection;
      connection = undefined;
      await queue;
      if (current) (await current).close();
    },
  };
};
