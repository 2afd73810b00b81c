/**
 * Pure-JS Parquet write throughput, and DuckDB time for the UC3 anomaly query over the written file.
 * Run: `pnpm exec tsx packages/analytics/bench/parquet-and-duckdb.bench.ts`
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDuckDbEngine, sensorAnomaliesSql, sensorReadingsTable, writeParquet } from '../src/index';

const ROWS = 200_000;
const table = sensorReadingsTable({ prefix: 'parquet/' });
const rows = Array.from({ length: ROWS }, (_, i) => ({
  sensor_id: `sensor-${i % 500}`,
  metric_name: ['temperature', 'pressure', 'vibration', 'humidity'][i % 4],
  recorded_at: new Date(Date.UTC(2024, 0, 1) + i * 1000),
  value: Math.sin(i) * 10 + (i % 9973 === 0 ? 500 : 0),
  unit: 'u',
  source_key: `line-${i % 20}.csv`,
}));

const writeStart = performance.now();
const bytes = writeParquet(rows, table.columns);
const writeMs = performance.now() - writeStart;

const root = await mkdtemp(join(tmpdir(), 'fsxn-analytics-bench-'));
await mkdir(join(root, 'parquet'), { recursive: true });
await writeFile(join(root, 'parquet', 'part-0.parquet'), bytes);
const engine = createDuckDbEngine({ tables: [table], rootDir: root });
await engine.query('SELECT 1'); // opens DuckDB, so the timing below is the query alone
const queryStart = performance.now();
const result = await engine.query(sensorAnomaliesSql({ table, k: 3 }));
const queryMs = performance.now() - queryStart;
await engine.close();
await rm(root, { recursive: true, force: true });

console.log(
  `writeParquet: ${ROWS} rows, ${(bytes.length / 1024 / 1024).toFixed(1)} MiB in ${writeMs.toFixed(0)} ms ` +
    `(${Math.round(ROWS / (writeMs / 1000))} rows/s)`,
);
console.log(`DuckDB sensorAnomaliesSql: ${result.rows.length} anomalies over ${ROWS} rows in ${queryMs.toFixed(0)} ms`);
