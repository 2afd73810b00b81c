import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableFromCfn, type LocalDynamoDb, startDynamoDb } from '@fsxn/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chain, type LineageDeps, lineageTableCfn, recordFailureLineage } from '../src';

let ddb: LocalDynamoDb;
let deps: LineageDeps;

beforeAll(async () => {
  ddb = await startDynamoDb();
  await createTableFromCfn(ddb.client(), 'lineage-failures', lineageTableCfn({ tableName: 'lineage-failures' }));
  deps = { db: DynamoDBDocumentClient.from(ddb.client()), tableName: 'lineage-failures' };
});
afterAll(() => ddb.stop());

describe('recordFailureLineage', () => {
  it('records each FAILED item once, with its reason, rounded latency and no outputs; nothing else', async () => {
    const run = {
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:uc:run-1',
      ucId: 'uc-failures',
      templateVersion: '1.2.3',
      retentionProfile: 'standard-365d' as const,
    };
    const recorded = await recordFailureLineage(deps, run, [
      { key: 'in/ok.dat', status: 'SUCCEEDED', metrics: { latencyMs: 5 } },
      { key: 'in/bad.dat', status: 'FAILED', reason: 'truncated header', metrics: { latencyMs: 12.6 } },
      { key: 'in/odd.dat', status: 'FAILED', metrics: {} },
      { key: 'in/old.dat', status: 'SKIPPED', reason: 'already processed', metrics: {} },
    ]);
    expect(recorded).toBe(2);
    const records = [];
    for await (const record of chain(deps, 'uc-failures')) records.push(record);
    expect(
      records.map((r) => [
        r.source_file_key,
        r.status,
        r.duration_ms,
        r.output_keys,
        r.metadata,
        r.uc_template_version,
      ]),
    ).toEqual([
      ['in/bad.dat', 'failed', 13, [], { reason: 'truncated header' }, '1.2.3'],
      ['in/odd.dat', 'failed', 0, [], { reason: 'unknown' }, '1.2.3'],
    ]);
    expect(records.every((r) => r.step_functions_execution_arn === run.executionArn)).toBe(true);
  });
});
