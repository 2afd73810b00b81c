import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { AnalyticsError, createEngineFromEnv, type DuckDbEngine, qcMetricsTable } from '../src';
import { useBucketDir, writeNdjson } from './fixtures';

const bucket = useBucketDir();
const tables = [qcMetricsTable({ prefix: 'qc/' })];

describe('createEngineFromEnv', () => {
  it('builds DuckDB over ANALYTICS_LOCAL_ROOT without creating an Athena client', async () => {
    const root = await bucket.make();
    await writeNdjson(root, 'qc/a.json', [{ sample_id: 's1' }, { sample_id: 's2' }]);
    let athenaBuilt = false;

    const engine = createEngineFromEnv(
      { ANALYTICS_ENGINE: 'duckdb', ANALYTICS_LOCAL_ROOT: root },
      {
        tables,
        athenaClient: () => {
          athenaBuilt = true;
          return new AthenaClient({});
        },
      },
    );
    const result = await engine.query('SELECT count(*) AS n FROM qc_metrics');
    await (engine as DuckDbEngine).close();

    expect(engine.dialect).toBe('duckdb');
    expect(result.rows).toEqual([{ n: 2 }]);
    expect(athenaBuilt).toBe(false);
  });

  it('builds Athena from the ATHENA_* variables', async () => {
    const athena = mockClient(AthenaClient);
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    athena
      .on(GetQueryResultsCommand)
      .resolves({ ResultSet: { ResultSetMetadata: { ColumnInfo: [] }, Rows: [{ Data: [] }] } });
    const client = new AthenaClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });

    const engine = createEngineFromEnv(
      {
        ANALYTICS_ENGINE: 'athena',
        ATHENA_WORKGROUP: 'wg',
        ATHENA_DATABASE: 'db',
        ATHENA_OUTPUT_LOCATION: 's3://r/',
        ATHENA_TIMEOUT_MS: '5000',
      },
      { tables, athenaClient: () => client },
    );
    await engine.query('SELECT 1');

    expect(engine.dialect).toBe('athena');
    expect(athena.commandCalls(StartQueryExecutionCommand)[0]?.args[0].input).toEqual({
      QueryString: 'SELECT 1',
      WorkGroup: 'wg',
      QueryExecutionContext: { Database: 'db' },
      ResultConfiguration: { OutputLocation: 's3://r/' },
    });
    athena.restore();
  });

  it.each([
    [{}, /ANALYTICS_ENGINE must be athena or duckdb/],
    [{ ANALYTICS_ENGINE: 'sqlite' }, /ANALYTICS_ENGINE must be athena or duckdb, got "sqlite"/],
    [{ ANALYTICS_ENGINE: 'duckdb' }, /ANALYTICS_LOCAL_ROOT must be set/],
    [{ ANALYTICS_ENGINE: 'athena', ATHENA_DATABASE: 'db' }, /ATHENA_WORKGROUP must be set/],
    [
      { ANALYTICS_ENGINE: 'athena', ATHENA_WORKGROUP: 'wg', ATHENA_DATABASE: 'db', ATHENA_TIMEOUT_MS: '-1' },
      /ATHENA_TIMEOUT_MS must be a positive integer/,
    ],
  ])('rejects a bad configuration %j', (env, message) => {
    const build = () =>
      createEngineFromEnv(env, { tables, athenaClient: () => new AthenaClient({ region: 'us-east-1' }) });

    expect(build).toThrow(AnalyticsError);
    expect(build).toThrow(message);
  });
});
