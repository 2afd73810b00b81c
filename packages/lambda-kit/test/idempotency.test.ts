import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { createTableFromCfn, type LocalDynamoDb, startDynamoDb } from '@fsxn/local-stack';
import { fakeContext } from '@fsxn/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransientError, toBoundaryError } from '../src/errors';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyStoreError,
  idempotencyTableCfn,
  makeIdempotent,
} from '../src/idempotency';

interface FileEvent {
  key: string;
  etag: string;
  source: 'poll' | 'event';
}

const TABLE = 'idempotency';

const deferred = <T>() => {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('makeIdempotent on DynamoDB (dynalite)', () => {
  let db: LocalDynamoDb;
  let client: DynamoDBClient;

  beforeAll(async () => {
    db = await startDynamoDb();
    client = db.client();
    await createTableFromCfn(client, TABLE, idempotencyTableCfn(TABLE));
  });
  afterAll(async () => {
    await db?.stop();
  });

  const options = (scope: string) => ({
    tableName: TABLE,
    client,
    scope,
    keyOf: (e: FileEvent) => `${e.key}#${e.etag}`,
    ttlSeconds: 600,
  });

  it('runs the function once per key and returns the stored result to duplicates', async () => {
    let runs = 0;
    const process = makeIdempotent(async (e: FileEvent) => {
      runs += 1;
      return { key: e.key, status: 'SUCCEEDED', reason: undefined, outputs: [`out/${e.key}.json`], run: runs };
    }, options('dup-test'));

    const first = await process({ key: 'a.pdf', etag: '1', source: 'poll' }, fakeContext());
    const second = await process({ key: 'a.pdf', etag: '1', source: 'event' }, fakeContext());
    const changed = await process({ key: 'a.pdf', etag: '2', source: 'event' }, fakeContext());

    expect(runs).toBe(2);
    expect(first).toEqual({ key: 'a.pdf', status: 'SUCCEEDED', outputs: ['out/a.pdf.json'], run: 1 });
    expect(second).toEqual(first);
    expect(changed).toMatchObject({ run: 2 });
  });

  it('deduplicates across the polling and event paths when they share a scope', async () => {
    let runs = 0;
    const work = async (e: FileEvent) => {
      runs += 1;
      return { key: e.key, source: e.source };
    };
    const fromPoller = makeIdempotent(work, options('uc01-hybrid'));
    const fromEvents = makeIdempotent(work, options('uc01-hybrid'));
    const otherUseCase = makeIdempotent(work, options('uc02-hybrid'));

    const polled = await fromPoller({ key: 'b.pdf', etag: '9', source: 'poll' }, fakeContext());
    const evented = await fromEvents({ key: 'b.pdf', etag: '9', source: 'event' }, fakeContext());
    await otherUseCase({ key: 'b.pdf', etag: '9', source: 'event' }, fakeContext());

    expect(evented).toEqual(polled);
    expect(evented).toEqual({ key: 'b.pdf', source: 'poll' });
    expect(runs).toBe(2);
  });

  it('stores a completed record with its expiry in the table', async () => {
    const before = Math.floor(Date.now() / 1000);
    const process = makeIdempotent(async () => ({ ok: true }), { ...options('record-test'), ttlSeconds: 1234 });
    await process({ key: 'c.pdf', etag: '1', source: 'poll' }, fakeContext());
    const { Items } = await client.send(new ScanCommand({ TableName: TABLE }));
    const record = Items?.find((item) => item.id?.S?.startsWith('record-test#'));
    expect(record?.status?.S).toBe('COMPLETED');
    const expiration = Number(record?.expiration?.N);
    expect(expiration).toBeGreaterThanOrEqual(before + 1234);
    expect(expiration).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 1234);
  });

  it('fails a concurrent duplicate with a transient in-progress error and later returns the result', async () => {
    let runs = 0;
    const gate = deferred<void>();
    const started = deferred<void>();
    const process = makeIdempotent(async (e: FileEvent) => {
      runs += 1;
      started.resolve();
      await gate.promise;
      return { key: e.key };
    }, options('concurrent-test'));
    const event: FileEvent = { key: 'd.pdf', etag: '1', source: 'poll' };

    const first = process(event, fakeContext());
    await started.promise;
    const duplicates = await Promise.allSettled([
      process(event, fakeContext()),
      process(event, fakeContext()),
      process(event, fakeContext()),
    ]);
    gate.resolve();
    await expect(first).resolves.toEqual({ key: 'd.pdf' });
    const later = await process({ ...event, source: 'event' }, fakeContext());

    expect(runs).toBe(1);
    for (const outcome of duplicates) {
      expect(outcome.status).toBe('rejected');
      const reason = (outcome as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(IdempotencyAlreadyInProgressError);
      expect(toBoundaryError(reason)).toBeInstanceOf(TransientError);
    }
    expect(later).toEqual({ key: 'd.pdf' });
  });

  it('runs exactly once when duplicates start at the same moment', async () => {
    let runs = 0;
    const process = makeIdempotent(async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return 'done';
    }, options('race-test'));
    const event: FileEvent = { key: 'e.pdf', etag: '1', source: 'poll' };
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => process(event, fakeContext())));
    expect(runs).toBe(1);
    // A duplicate either saw the lock (transient, retried by the state machine) or the stored result.
    for (const outcome of outcomes) {
      if (outcome.status === 'fulfilled') expect(outcome.value).toBe('done');
      else expect(outcome.reason).toBeInstanceOf(IdempotencyAlreadyInProgressError);
    }
    expect(outcomes.some((o) => o.status === 'rejected')).toBe(true);
  });

  it('leaves no record when the function fails, so a retry runs again', async () => {
    let runs = 0;
    const failure = new Error('transient ONTAP hiccup');
    const process = makeIdempotent(async () => {
      runs += 1;
      if (runs === 1) throw failure;
      return { attempt: runs };
    }, options('retry-test'));
    const event: FileEvent = { key: 'f.pdf', etag: '1', source: 'poll' };

    await expect(process(event, fakeContext())).rejects.toBe(failure);
    const { Items } = await client.send(new ScanCommand({ TableName: TABLE }));
    expect(Items?.filter((item) => item.id?.S?.startsWith('retry-test#'))).toEqual([]);
    await expect(process(event, fakeContext())).resolves.toEqual({ attempt: 2 });
    await expect(process(event, fakeContext())).resolves.toEqual({ attempt: 2 });
    expect(runs).toBe(2);
  });

  it('lets a retry take over a lock whose invocation passed its deadline', async () => {
    let runs = 0;
    const gate = deferred<void>();
    const process = makeIdempotent(async () => {
      runs += 1;
      if (runs === 1) await gate.promise;
      return runs;
    }, options('stale-lock-test'));
    const event: FileEvent = { key: 'h.pdf', etag: '1', source: 'poll' };

    // The first invocation has 1 ms left: its lock is stale as soon as that passes, as after a timeout.
    const stuck = process(event, fakeContext({ getRemainingTimeInMillis: () => 1 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const retried = await process(event, fakeContext());
    gate.resolve();
    await stuck;

    expect(retried).toBe(2);
    expect(runs).toBe(2);
  });

  it('reports a missing table as a permanent store error', async () => {
    const process = makeIdempotent(async () => 1, { ...options('missing'), tableName: 'no-such-table' });
    const err = await process({ key: 'g', etag: '1', source: 'poll' }, fakeContext()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IdempotencyStoreError);
    expect((err as IdempotencyStoreError).transient).toBe(false);
  });

  it('refuses an empty key', async () => {
    const process = makeIdempotent(async () => 1, { ...options('empty'), keyOf: () => '' });
    await expect(process({ key: '', etag: '', source: 'poll' }, fakeContext())).rejects.toThrow(/empty/);
  });

  it('describes the table for CloudFormation with key id and TTL on expiration', () => {
    expect(idempotencyTableCfn('uc01-dev-idempotency')).toEqual({
      TableName: 'uc01-dev-idempotency',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });
});
