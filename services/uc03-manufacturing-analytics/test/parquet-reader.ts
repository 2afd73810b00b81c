import { DuckDBInstance } from '@duckdb/node-api';

/**
 * Reads Parquet files with DuckDB's own reader (C++, independent of the pure-JS writer), straight from the
 * files: no view or table definition of @fsxn/analytics in between.
 */
export const readParquetWithDuckDb = async (files: readonly string[]): Promise<Record<string, unknown>[]> => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const list = files.map((f) => `'${f.replaceAll("'", "''")}'`).join(', ');
    const reader = await connection.runAndReadAll(
      `SELECT sensor_id, metric_name, CAST(recorded_at AS VARCHAR) AS recorded_at, value, unit, source_key FROM read_parquet([${list}])`,
    );
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
};
