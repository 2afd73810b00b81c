import type { AthenaClient } from '@aws-sdk/client-athena';
import { createAthenaEngine } from '../athena/athena-engine';
import { createDuckDbEngine } from '../duckdb/duckdb-engine';
import { AnalyticsError } from '../errors';
import type { TableDefinition } from '../schema/table';
import type { SqlEngine } from './port';

export interface EngineFromEnvDeps {
  /** Tables DuckDB exposes as views; Athena finds the same names in the Glue database. */
  readonly tables: readonly TableDefinition[];
  /** Built only when Athena is selected, so local runs need no AWS client. */
  readonly athenaClient: () => AthenaClient;
  readonly sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_POLL_MS = 1000;
const DEFAULT_TIMEOUT_MS = 240_000;

const required = (env: Readonly<Record<string, string | undefined>>, name: string): string => {
  const value = env[name];
  if (!value) throw new AnalyticsError(`${name} must be set when ANALYTICS_ENGINE=athena`);
  return value;
};

const positiveInt = (env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number => {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) throw new AnalyticsError(`${name} must be a positive integer`);
  return value;
};

/**
 * Picks the engine from `ANALYTICS_ENGINE` (`athena` | `duckdb`):
 * - athena: `ATHENA_WORKGROUP`, `ATHENA_DATABASE`, optional `ATHENA_OUTPUT_LOCATION`,
 *   `ATHENA_POLL_INTERVAL_MS` (1000), `ATHENA_TIMEOUT_MS` (240000);
 * - duckdb: `ANALYTICS_LOCAL_ROOT`, the folder standing for the bucket the tables' prefixes are relative to.
 */
export const createEngineFromEnv = (
  env: Readonly<Record<string, string | undefined>>,
  deps: EngineFromEnvDeps,
): SqlEngine => {
  const engine = env.ANALYTICS_ENGINE;
  if (engine === 'athena') {
    const outputLocation = env.ATHENA_OUTPUT_LOCATION;
    return createAthenaEngine({
      client: deps.athenaClient(),
      workGroup: required(env, 'ATHENA_WORKGROUP'),
      database: required(env, 'ATHENA_DATABASE'),
      ...(outputLocation ? { outputLocation } : {}),
      pollIntervalMs: positiveInt(env, 'ATHENA_POLL_INTERVAL_MS', DEFAULT_POLL_MS),
      timeoutMs: positiveInt(env, 'ATHENA_TIMEOUT_MS', DEFAULT_TIMEOUT_MS),
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
    });
  }
  if (engine === 'duckdb') {
    const rootDir = env.ANALYTICS_LOCAL_ROOT;
    if (!rootDir) throw new AnalyticsError('ANALYTICS_LOCAL_ROOT must be set when ANALYTICS_ENGINE=duckdb');
    return createDuckDbEngine({ tables: deps.tables, rootDir });
  }
  throw new AnalyticsError(`ANALYTICS_ENGINE must be athena or duckdb, got ${JSON.stringify(engine ?? '')}`);
};
