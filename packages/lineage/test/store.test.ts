import { DeleteItemCommand, type DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableFromCfn, type LocalDynamoDb, startDynamoDb } from '@fsxn/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  byUseCase,
  chain,
  chainItemsPage,
  GENESIS_HASH,
  historyOf,
  type LineageDeps,
  type LineageInput,
  LineageValidationError,
  lineageTableCfn,
  readHead,
  recordLineage,
  verifyChain,
} from '../src';
import { steppingClock } from './chain-fixtures';

let ddb: LocalDynamoDb;
let client: DynamoDBClient;
let tableCounter = 0;

beforeAll(async () => {
  ddb = await startDynamoDb();
  client = ddb.client();
});
afterAll(async () => ddb.stop());

/** A fresh table per test so chains never leak between tests. */
const freshDeps = async (overrides: Partial<LineageDeps> = {}): Promise<LineageDeps> => {
  tableCounter += 1;
  const tableName = `lineage-${tableCounter}`;
  await createTableFromCfn(client, tableName, lineageTableCfn());
  return { db: DynamoDBDocumentClient.from(client), tableName, sleep: async () => {}, ...overrides };
};

const input = (overrides: Partial<LineageInput> = {}): LineageInput => ({
  source_file_key: 'legal/contract.pdf',
  step_functions_execution_arn: 'arn:aws:states:us-east-1:123456789012:execution:uc01:run-1',
  uc_id: 'uc01-legal-compliance',
  output_keys: ['reports/contract.json'],
  status: 'success',
  duration_ms: 120,
  ...overrides,
});

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};

const keyOf = (r: { source_file_key: string; processing_timestamp: string }) => ({
  source_file_key: { S: r.source_file_key },
  processing_timestamp: { S: r.processing_timestamp },
});

describe('recordLineage and chain', () => {
  it('links records for several files into one chain per use case', async () => {
    const deps = await freshDeps();
    const files = ['legal/a.pdf', 'legal/b.pdf', 'legal/a.pdf', 'legal/c.pdf'];
    for (const file of files) await recordLineage(deps, input({ source_file_key: file }));
    await recordLineage(deps, input({ uc_id: 'uc02-financial-idp', source_file_key: 'finance/x.pdf' }));

    const records = await collect(chain(deps, 'uc01-legal-compliance'));
    expect(records.map((r) => r.sequence)).toEqual([1, 2, 3, 4]);
    expect(records.map((r) => r.source_file_key)).toEqual(files);
    expect(records[0]?.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < records.length; i += 1) expect(records[i]?.prev_hash).toBe(records[i - 1]?.record_hash);
    const other = await collect(chain(deps, 'uc02-financial-idp'));
    expect(other.map((r) => [r.sequence, r.prev_hash])).toEqual([[1, GENESIS_HASH]]);
    await expect(verifyChain(deps, 'uc01-legal-compliance')).resolves.toEqual({ ok: true, checked: 4, problems: [] });
  });

  it('returns the history of one file newest first, with strictly increasing chain timestamps', async () => {
    const fixed = new Date('2026-05-22T10:00:00.000Z');
    const deps = await freshDeps({ now: () => fixed });
    for (const status of ['failed', 'partial', 'success'] as const) await recordLineage(deps, input({ status }));
    const history = await historyOf(deps, 'legal/contract.pdf');
    expect(history.map((r) => r.status)).toEqual(['success', 'partial', 'failed']);
    // Clock stuck at one instant: each record is 1 ms after the previous one in its chain.
    expect(history.map((r) => r.processing_timestamp)).toEqual([
      '2026-05-22T10:00:00.002Z',
      '2026-05-22T10:00:00.001Z',
      '2026-05-22T10:00:00.000Z',
    ]);
  });

  it('stores v2 fields and sets TTL from the retention profile, never lower than the previous record', async () => {
    const fixed = new Date('2026-05-22T00:00:00.000Z');
    const deps = await freshDeps({ now: () => fixed });
    const first = await recordLineage(
      deps,
      input({
        input_checksum: 'a'.repeat(64),
        fpolicy_sequence_number: 7,
        guardrail_mode: 'ENFORCE',
        retention_profile: 'compliance-7y',
        metadata: { pages: 3, tags: ['x'] },
      }),
    );
    // 2033-05-22T00:00:00Z as epoch seconds, computed by hand: 7 calendar years later.
    expect(first.ttl).toBe(Date.UTC(2033, 4, 22) / 1000);
    expect(first).toMatchObject({
      fpolicy_sequence_number: 7,
      guardrail_mode: 'ENFORCE',
      metadata: { pages: 3, tags: ['x'] },
    });
    const second = await recordLineage(deps, input({ retention_profile: 'standard-365d' }));
    expect(second.ttl).toBe(first.ttl);
    expect(second.prev_ttl).toBe(first.ttl);
    const custom = await recordLineage(
      deps,
      input({ uc_id: 'uc03', source_file_key: 'x.csv', retention_profile: 'custom', retention_days: 30 }),
    );
    expect(custom.ttl).toBe(Date.UTC(2026, 5, 21) / 1000);
  });

  it('moves a generated timestamp on when another chain recorded the same file in the same millisecond', async () => {
    const fixed = new Date('2026-05-22T00:00:00.000Z');
    const deps = await freshDeps({ now: () => fixed });
    await recordLineage(deps, input({ uc_id: 'uc01' }));
    const second = await recordLineage(deps, input({ uc_id: 'uc02' }));
    expect(second.processing_timestamp).toBe('2026-05-22T00:00:00.001Z');
    expect(second.sequence).toBe(1);
    await expect(
      recordLineage(deps, input({ uc_id: 'uc03', processing_timestamp: '2026-05-22T00:00:00.000Z' })),
    ).rejects.toThrow(/already exists/);
    await expect(readHead(deps, 'uc03')).resolves.toBeUndefined();
  });

  it('rejects invalid input with a validation error naming the field', async () => {
    const deps = await freshDeps();
    await expect(recordLineage(deps, input({ output_checksum: 'ABC' }))).rejects.toThrow(LineageValidationError);
    await expect(recordLineage(deps, input({ output_checksum: 'ABC' }))).rejects.toThrow(/output_checksum/);
    await expect(recordLineage(deps, input({ fpolicy_sequence_number: -1 }))).rejects.toThrow(
      /fpolicy_sequence_number/,
    );
    await expect(recordLineage(deps, input({ source_file_key: '#chain#uc01' }))).rejects.toThrow(/source_file_key/);
    await expect(recordLineage(deps, input({ retention_profile: 'custom' }))).rejects.toThrow(/retention_days/);
  });

  it('reads records written by a v1 writer with v2 defaults', async () => {
    const deps = await freshDeps();
    await client.send(
      new PutItemCommand({
        TableName: deps.tableName,
        Item: {
          source_file_key: { S: 'old/file.csv' },
          processing_timestamp: { S: '2025-01-01T00:00:00.000Z' },
          step_functions_execution_arn: { S: 'arn:aws:states:us-east-1:1:execution:sm:old' },
          uc_id: { S: 'uc03-manufacturing-analytics' },
          output_keys: { L: [] },
          status: { S: 'success' },
          duration_ms: { N: '5' },
          ttl: { N: '1767225600' },
        },
      }),
    );
    const [record] = await historyOf(deps, 'old/file.csv');
    expect(record).toMatchObject({
      input_checksum: '',
      output_checksum: '',
      policy_version: '',
      guardrail_mode: '',
      retention_profile: '',
      metadata: {},
    });
    expect(record?.sequence).toBeUndefined();
  });

  it('keeps one unforked chain when 20 writers record at once', async () => {
    const deps = await freshDeps({ sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => recordLineage(deps, input({ source_file_key: `legal/parallel-${i}.pdf` }))),
    );
    const records = await collect(chain(deps, 'uc01-legal-compliance'));
    expect(records.map((r) => r.sequence)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(records.map((r) => r.source_file_key)).size).toBe(20);
    await expect(verifyChain(deps, 'uc01-legal-compliance')).resolves.toMatchObject({ ok: true, checked: 20 });
    await expect(readHead(deps, 'uc01-legal-compliance')).resolves.toMatchObject({
      sequence: 20,
      hash: records[19]?.record_hash,
    });
  });

  it('pages through a chain with a cursor', async () => {
    const deps = await freshDeps();
    for (let i = 0; i < 5; i += 1) await recordLineage(deps, input({ source_file_key: `f${i}` }));
    const first = await chainItemsPage(deps, 'uc01-legal-compliance', { pageSize: 2 });
    expect(first.items.map((i) => i.sequence)).toEqual([1, 2]);
    const second = await chainItemsPage(deps, 'uc01-legal-compliance', { pageSize: 2, cursor: first.cursor });
    expect(second.items.map((i) => i.sequence)).toEqual([3, 4]);
    const all = await collect(chain(deps, 'uc01-legal-compliance', { pageSize: 2 }));
    expect(all.map((r) => r.sequence)).toEqual([1, 2, 3, 4, 5]);
    const tail = await collect(chain(deps, 'uc01-legal-compliance', { fromSequence: 4 }));
    expect(tail.map((r) => r.sequence)).toEqual([4, 5]);
  });

  it('lists a use case by time range', async () => {
    const deps = await freshDeps({ now: steppingClock('2026-05-01T00:00:00.000Z', 86_400_000) });
    for (let i = 0; i < 4; i += 1) await recordLineage(deps, input({ source_file_key: `day${i}` }));
    const inRange = await byUseCase(deps, 'uc01-legal-compliance', { from: '2026-05-03', to: '2026-05-04T23:59:59Z' });
    expect(inRange.map((r) => r.source_file_key)).toEqual(['day1', 'day2']);
  });
});

describe('verifyChain against direct table edits', () => {
  const seeded = async () => {
    const deps = await freshDeps();
    for (let i = 0; i < 5; i += 1) await recordLineage(deps, input({ source_file_key: `legal/doc-${i}.pdf` }));
    return { deps, records: await collect(chain(deps, 'uc01-legal-compliance')) };
  };

  it('detects a field changed with UpdateItem', async () => {
    const { deps, records } = await seeded();
    const target = records[2];
    if (!target) throw new Error('seed failed');
    await client.send(
      new UpdateItemCommand({
        TableName: deps.tableName,
        Key: keyOf(target),
        UpdateExpression: 'SET #s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': { S: 'failed' } },
      }),
    );
    const result = await verifyChain(deps, 'uc01-legal-compliance');
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ sequence: 3, kind: 'edited' })]);
  });

  it('detects a deleted record', async () => {
    const { deps, records } = await seeded();
    const target = records[1];
    if (!target) throw new Error('seed failed');
    await client.send(new DeleteItemCommand({ TableName: deps.tableName, Key: keyOf(target) }));
    const result = await verifyChain(deps, 'uc01-legal-compliance');
    expect(result.problems).toEqual([expect.objectContaining({ sequence: 2, kind: 'missing' })]);
  });

  it('detects a deleted newest record through the chain head', async () => {
    const { deps, records } = await seeded();
    const last = records[4];
    if (!last) throw new Error('seed failed');
    await client.send(new DeleteItemCommand({ TableName: deps.tableName, Key: keyOf(last) }));
    const result = await verifyChain(deps, 'uc01-legal-compliance');
    expect(result.problems).toEqual([expect.objectContaining({ sequence: 5, kind: 'missing' })]);
  });

  it('detects a forged record appended without moving the head', async () => {
    const { deps, records } = await seeded();
    const last = records[4];
    if (!last) throw new Error('seed failed');
    await client.send(
      new PutItemCommand({
        TableName: deps.tableName,
        Item: {
          ...keyOf({ source_file_key: 'forged.pdf', processing_timestamp: '2099-01-01T00:00:00.000Z' }),
          uc_id: { S: 'uc01-legal-compliance' },
          sequence: { N: '6' },
          prev_hash: { S: last.record_hash },
          record_hash: { S: 'b'.repeat(64) },
        },
      }),
    );
    const kinds = (await verifyChain(deps, 'uc01-legal-compliance')).problems.map((p) => `${p.kind}@${p.sequence}`);
    expect(kinds).toEqual(['edited@6', 'forked@6']);
  });
});
