import {
  type AthenaClient,
  type ColumnInfo,
  GetQueryExecutionCommand,
  type GetQueryExecutionCommandOutput,
  GetQueryResultsCommand,
  type GetQueryResultsCommandOutput,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import type { QueryResult, SqlEngine, SqlRow } from '../engine/port';
import { AnalyticsError, AnalyticsQueryFailedError, AnalyticsTimeoutError } from '../errors';
import { athenaCellValue } from './result-values';
import { wrapSdkError } from './sdk-errors';

export interface AthenaEngineOptions {
  readonly client: AthenaClient;
  readonly workGroup: string;
  /** Glue database the unqualified table names resolve in. */
  readonly database: string;
  /** `s3://…/` for result files; required unless the work group enforces its own. */
  readonly outputLocation?: string;
  readonly pollIntervalMs: number;
  /** Budget from start to a final state; past it the query is stopped and AnalyticsTimeoutError thrown. */
  readonly timeoutMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** Rows per GetQueryResults page (Athena allows at most 1000). */
  readonly pageSize?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const call = async <T>(operation: string, send: () => Promise<T>): Promise<T> => {
  try {
    return await send();
  } catch (error) {
    throw wrapSdkError(operation, error);
  }
};

type Execution = NonNullable<GetQueryExecutionCommandOutput['QueryExecution']>;

/**
 * Athena behind the SqlEngine port: StartQueryExecution, poll GetQueryExecution until a final state
 * (bounded by `timeoutMs`), then page through GetQueryResults. Values are typed from the result metadata.
 */
export const createAthenaEngine = (options: AthenaEngineOptions): SqlEngine => {
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const pageSize = options.pageSize ?? 1000;
  if (!(options.pollIntervalMs > 0) || !(options.timeoutMs > 0)) {
    throw new AnalyticsError('Athena engine: pollIntervalMs and timeoutMs must be positive');
  }

  const start = async (sql: string): Promise<string> => {
    const output = await call('StartQueryExecution', () =>
      options.client.send(
        new StartQueryExecutionCommand({
          QueryString: sql,
          WorkGroup: options.workGroup,
          QueryExecutionContext: { Database: options.database },
          ...(options.outputLocation ? { ResultConfiguration: { OutputLocation: options.outputLocation } } : {}),
        }),
      ),
    );
    if (!output.QueryExecutionId) throw new AnalyticsError('Athena StartQueryExecution returned no QueryExecutionId');
    return output.QueryExecutionId;
  };

  const waitForFinalState = async (id: string): Promise<Execution> => {
    const deadline = now() + options.timeoutMs;
    for (;;) {
      const output = await call('GetQueryExecution', () =>
        options.client.send(new GetQueryExecutionCommand({ QueryExecutionId: id })),
      );
      const execution = output.QueryExecution ?? {};
      const state = execution.Status?.State ?? 'QUEUED';
      if (state === 'SUCCEEDED') return execution;
      if (state === 'FAILED' || state === 'CANCELLED') {
        throw new AnalyticsQueryFailedError({
          queryExecutionId: id,
          state,
          reason: execution.Status?.StateChangeReason ?? execution.Status?.AthenaError?.ErrorMessage,
          retryable: execution.Status?.AthenaError?.Retryable ?? false,
        });
      }
      if (now() + options.pollIntervalMs > deadline) {
        // Stop it so an abandoned query does not keep scanning (and billing) after we give up.
        await options.client.send(new StopQueryExecutionCommand({ QueryExecutionId: id })).catch(() => undefined);
        throw new AnalyticsTimeoutError({ queryExecutionId: id, lastState: state, timeoutMs: options.timeoutMs });
      }
      await sleep(options.pollIntervalMs);
    }
  };

  const readResults = async (id: string, statementType: string | undefined): Promise<QueryResult> => {
    let columns: ColumnInfo[] | undefined;
    const rows: SqlRow[] = [];
    let nextToken: string | undefined;
    let firstPage = true;
    do {
      const token = nextToken;
      const page: GetQueryResultsCommandOutput = await call('GetQueryResults', () =>
        options.client.send(
          new GetQueryResultsCommand({
            QueryExecutionId: id,
            MaxResults: pageSize,
            ...(token ? { NextToken: token } : {}),
          }),
        ),
      );
      columns ??= page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
      const pageRows = page.ResultSet?.Rows ?? [];
      // SELECT (DML) results repeat the column names as the first row of the first page only.
      const dataRows =
        firstPage && statementType !== 'DDL' && statementType !== 'UTILITY' ? pageRows.slice(1) : pageRows;
      for (const row of dataRows) {
        const data = row.Data ?? [];
        const record: SqlRow = {};
        columns.forEach((column, i) => {
          record[column.Name ?? `_col${i}`] = athenaCellValue(column, data[i]);
        });
        rows.push(record);
      }
      firstPage = false;
      nextToken = page.NextToken;
    } while (nextToken);
    return { columns: (columns ?? []).map((c, i) => c.Name ?? `_col${i}`), rows };
  };

  return {
    dialect: 'athena',
    query: async (sql) => {
      const id = await start(sql);
      const execution = await waitForFinalState(id);
      return readResults(id, execution.StatementType);
    },
  };
};
