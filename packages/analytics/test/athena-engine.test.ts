import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AnalyticsError, AnalyticsQueryFailedError, AnalyticsTimeoutError, createAthenaEngine } from '../src';

const athena = mockClient(AthenaClient);

/** A clock that only moves when the engine sleeps, so polling bounds are checked without real time. */
const fakeTime = () => {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
};

const engineWith = (time = fakeTime(), overrides: { timeoutMs?: number; pageSize?: number } = {}) =>
  createAthenaEngine({
    client: new AthenaClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }),
    workGroup: 'fsxn-analytics',
    database: 'fsxn_uc03',
    outputLocation: 's3://results-bucket/athena-results/',
    pollIntervalMs: 500,
    timeoutMs: overrides.timeoutMs ?? 2000,
    sleep: time.sleep,
    now: time.now,
    ...(overrides.pageSize ? { pageSize: overrides.pageSize } : {}),
  });

const columnInfo = [
  { Name: 'sensor_id', Type: 'varchar' },
  { Name: 'readings', Type: 'bigint' },
  { Name: 'mean_value', Type: 'double' },
  { Name: 'flagged', Type: 'boolean' },
  { Name: 'day', Type: 'date' },
  { Name: 'last_at', Type: 'timestamp' },
  { Name: 'rank', Type: 'integer' },
];
const header = { Data: columnInfo.map((c) => ({ VarCharValue: c.Name })) };

beforeEach(() => {
  athena.reset();
});

describe('createAthenaEngine', () => {
  it('starts the query with the work group, database and output location and polls until SUCCEEDED', async () => {
    const time = fakeTime();
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    athena
      .on(GetQueryExecutionCommand)
      .resolvesOnce({ QueryExecution: { Status: { State: 'QUEUED' } } })
      .resolvesOnce({ QueryExecution: { Status: { State: 'RUNNING' } } })
      .resolves({ QueryExecution: { StatementType: 'DML', Status: { State: 'SUCCEEDED' } } });
    athena.on(GetQueryResultsCommand).resolves({
      ResultSet: {
        ResultSetMetadata: { ColumnInfo: [{ Name: 'n', Type: 'bigint' }] },
        Rows: [{ Data: [{ VarCharValue: 'n' }] }, { Data: [{ VarCharValue: '3' }] }],
      },
    });

    const result = await engineWith(time).query('SELECT count(*) AS n FROM sensor_readings');

    expect(athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input)).toEqual([
      {
        QueryString: 'SELECT count(*) AS n FROM sensor_readings',
        WorkGroup: 'fsxn-analytics',
        QueryExecutionContext: { Database: 'fsxn_uc03' },
        ResultConfiguration: { OutputLocation: 's3://results-bucket/athena-results/' },
      },
    ]);
    expect(athena.commandCalls(GetQueryExecutionCommand).map((c) => c.args[0].input)).toEqual([
      { QueryExecutionId: 'q-1' },
      { QueryExecutionId: 'q-1' },
      { QueryExecutionId: 'q-1' },
    ]);
    expect(time.sleeps).toEqual([500, 500]);
    expect(athena.commandCalls(GetQueryResultsCommand).map((c) => c.args[0].input)).toEqual([
      { QueryExecutionId: 'q-1', MaxResults: 1000 },
    ]);
    expect(result).toEqual({ columns: ['n'], rows: [{ n: 3 }] });
  });

  it('follows NextToken, skips the header row on the first page only and types values from ColumnInfo', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-2' });
    athena
      .on(GetQueryExecutionCommand)
      .resolves({ QueryExecution: { StatementType: 'DML', Status: { State: 'SUCCEEDED' } } });
    athena
      .on(GetQueryResultsCommand, { QueryExecutionId: 'q-2', MaxResults: 2 })
      .resolves({
        NextToken: 'page-2',
        ResultSet: {
          ResultSetMetadata: { ColumnInfo: columnInfo },
          Rows: [
            header,
            {
              Data: [
                { VarCharValue: 's-1' },
                { VarCharValue: '9007199254740993' },
                { VarCharValue: '1.5E10' },
                { VarCharValue: 'true' },
                { VarCharValue: '2024-05-01' },
                { VarCharValue: '2024-05-01 10:20:30.100' },
                { VarCharValue: '7' },
              ],
            },
          ],
        },
      })
      .on(GetQueryResultsCommand, { QueryExecutionId: 'q-2', MaxResults: 2, NextToken: 'page-2' })
      .resolves({
        ResultSet: {
          ResultSetMetadata: { ColumnInfo: columnInfo },
          Rows: [
            {
              Data: [
                { VarCharValue: '' },
                {},
                { VarCharValue: 'NaN' },
                { VarCharValue: 'false' },
                {},
                { VarCharValue: '2024-05-01 10:20:30.123456' },
                { VarCharValue: '-2' },
              ],
            },
          ],
        },
      });

    const result = await engineWith(fakeTime(), { pageSize: 2 }).query('SELECT …');

    expect(athena.commandCalls(GetQueryResultsCommand).map((c) => c.args[0].input)).toEqual([
      { QueryExecutionId: 'q-2', MaxResults: 2 },
      { QueryExecutionId: 'q-2', MaxResults: 2, NextToken: 'page-2' },
    ]);
    expect(result.columns).toEqual(['sensor_id', 'readings', 'mean_value', 'flagged', 'day', 'last_at', 'rank']);
    expect(result.rows).toHaveLength(2);
    expect(result.rows[0]).toEqual({
      sensor_id: 's-1',
      readings: '9007199254740993', // beyond 2^53: kept as exact digits
      mean_value: 15_000_000_000,
      flagged: true,
      day: '2024-05-01',
      last_at: '2024-05-01 10:20:30.100',
      rank: 7,
    });
    expect(result.rows[1]).toEqual({
      sensor_id: '',
      readings: null,
      mean_value: Number.NaN,
      flagged: false,
      day: null,
      last_at: '2024-05-01 10:20:30.123',
      rank: -2,
    });
  });

  it('throws AnalyticsQueryFailedError with the StateChangeReason when the query FAILED', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-3' });
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: {
        Status: {
          State: 'FAILED',
          StateChangeReason: "COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved",
          AthenaError: { ErrorCategory: 2, ErrorType: 1006, Retryable: false },
        },
      },
    });

    const error = await engineWith()
      .query('SELECT x FROM t')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AnalyticsQueryFailedError);
    expect(error).toBeInstanceOf(AnalyticsError);
    const failed = error as AnalyticsQueryFailedError;
    expect(failed.name).toBe('AnalyticsQueryFailedError');
    expect(failed.state).toBe('FAILED');
    expect(failed.reason).toBe("COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved");
    expect(failed.message).toContain("Column 'x' cannot be resolved");
    expect(failed.transient).toBe(false);
    expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(0);
  });

  it('marks a failure transient when Athena says it is retryable, and reports CANCELLED queries', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-4' });
    athena
      .on(GetQueryExecutionCommand)
      .resolvesOnce({
        QueryExecution: {
          Status: { State: 'FAILED', StateChangeReason: 'Internal error', AthenaError: { Retryable: true } },
        },
      })
      .resolves({ QueryExecution: { Status: { State: 'CANCELLED' } } });
    const engine = engineWith();

    const retryable = (await engine.query('SELECT 1').catch((e: unknown) => e)) as AnalyticsQueryFailedError;
    const cancelled = (await engine.query('SELECT 1').catch((e: unknown) => e)) as AnalyticsQueryFailedError;

    expect(retryable.transient).toBe(true);
    expect(cancelled).toBeInstanceOf(AnalyticsQueryFailedError);
    expect(cancelled.state).toBe('CANCELLED');
    expect(cancelled.transient).toBe(false);
  });

  it('stops the query and throws a transient timeout when it is still QUEUED at the deadline', async () => {
    const time = fakeTime();
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-5' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'QUEUED' } } });
    athena.on(StopQueryExecutionCommand).resolves({});

    const error = await engineWith(time, { timeoutMs: 2000 })
      .query('SELECT 1')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AnalyticsTimeoutError);
    expect((error as AnalyticsTimeoutError).transient).toBe(true);
    expect((error as AnalyticsTimeoutError).lastState).toBe('QUEUED');
    // Polls at t = 0, 500, 1000, 1500, 2000 and never sleeps past the 2000 ms budget.
    expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(5);
    expect(time.now()).toBe(2000);
    expect(athena.commandCalls(StopQueryExecutionCommand).map((c) => c.args[0].input)).toEqual([
      { QueryExecutionId: 'q-5' },
    ]);
  });

  it('throws a permanent timeout when the query is still RUNNING at the deadline', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-6' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'RUNNING' } } });
    athena.on(StopQueryExecutionCommand).rejects(new Error('already stopping'));

    const error = await engineWith()
      .query('SELECT 1')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AnalyticsTimeoutError);
    expect((error as AnalyticsTimeoutError).transient).toBe(false);
    expect((error as AnalyticsTimeoutError).name).toBe('AnalyticsTimeoutError');
  });

  it('marks throttling, 5xx and TooManyRequestsException as transient and validation errors as permanent', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), {
      name: 'TooManyRequestsException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
    const serverError = Object.assign(new Error('boom'), {
      name: 'InternalServerException',
      $fault: 'server',
      $metadata: { httpStatusCode: 500 },
    });
    const invalid = Object.assign(new Error('bad work group'), {
      name: 'InvalidRequestException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
    athena.on(StartQueryExecutionCommand).rejectsOnce(throttled).rejectsOnce(serverError).rejectsOnce(invalid);
    const engine = engineWith();

    const errors = [] as AnalyticsError[];
    for (let i = 0; i < 3; i += 1)
      errors.push((await engine.query('SELECT 1').catch((e: unknown) => e)) as AnalyticsError);

    expect(errors.map((e) => e instanceof AnalyticsError && e.name === 'AnalyticsError')).toEqual([true, true, true]);
    expect(errors.map((e) => e.transient)).toEqual([true, true, false]);
    expect(errors[0]?.message).toBe('Athena StartQueryExecution failed: TooManyRequestsException: Rate exceeded');
    expect(errors[2]?.cause).toBe(invalid);
  });

  it('does not put the SQL text into error messages', async () => {
    athena
      .on(StartQueryExecutionCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));

    const error = (await engineWith()
      .query("SELECT 'secret-literal'")
      .catch((e: unknown) => e)) as Error;

    expect(error.message).not.toContain('secret-literal');
  });

  it('keeps a later-page row that happens to spell the column names', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-8' });
    athena
      .on(GetQueryExecutionCommand)
      .resolves({ QueryExecution: { StatementType: 'DML', Status: { State: 'SUCCEEDED' } } });
    const meta = { ColumnInfo: [{ Name: 'word', Type: 'varchar' }] };
    athena
      .on(GetQueryResultsCommand, { QueryExecutionId: 'q-8', MaxResults: 1000 })
      .resolves({
        NextToken: 't',
        ResultSet: { ResultSetMetadata: meta, Rows: [{ Data: [{ VarCharValue: 'word' }] }] },
      })
      .on(GetQueryResultsCommand, { QueryExecutionId: 'q-8', MaxResults: 1000, NextToken: 't' })
      .resolves({ ResultSet: { ResultSetMetadata: meta, Rows: [{ Data: [{ VarCharValue: 'word' }] }] } });

    const result = await engineWith().query('SELECT word FROM words');

    expect(result.rows).toEqual([{ word: 'word' }]);
  });

  it('returns rows of a DDL statement without dropping the first one', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-7' });
    athena
      .on(GetQueryExecutionCommand)
      .resolves({ QueryExecution: { StatementType: 'UTILITY', Status: { State: 'SUCCEEDED' } } });
    athena.on(GetQueryResultsCommand).resolves({
      ResultSet: {
        ResultSetMetadata: { ColumnInfo: [{ Name: 'tab_name', Type: 'string' }] },
        Rows: [{ Data: [{ VarCharValue: 'acl_records' }] }],
      },
    });

    const result = await engineWith().query('SHOW TABLES');

    expect(result.rows).toEqual([{ tab_name: 'acl_records' }]);
  });
});
