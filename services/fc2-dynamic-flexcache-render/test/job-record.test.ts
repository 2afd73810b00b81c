import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableFromCfn, startDynamoDb } from '@fsxn/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobInProgressError, JobRecordConflictError } from '../src/domain/errors';
import { canMove, decideClaim, type JobRecord } from '../src/domain/job-record';
import { claimJob, getJob, jobTableCfn, moveJob } from '../src/job-store';

const record = (patch: Partial<JobRecord>): JobRecord => ({
  jobId: 'j1',
  state: 'PROCESSING',
  owner: 'exec-a',
  attempt: 1,
  leaseExpiresAt: 1000,
  cacheName: 'fc2_j1',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...patch,
});

describe('decideClaim', () => {
  it('creates a new job, continues its own, never redoes DONE, takes over FAILED or expired, refuses a live one', () => {
    expect(decideClaim(undefined, 'exec-b', 500)).toEqual({ action: 'create' });
    expect(decideClaim(record({}), 'exec-a', 500)).toEqual({ action: 'continue' });
    expect(decideClaim(record({ state: 'DONE' }), 'exec-b', 500).action).toBe('already-done');
    expect(decideClaim(record({ state: 'FAILED' }), 'exec-b', 500).action).toBe('take-over');
    expect(decideClaim(record({ leaseExpiresAt: 500 }), 'exec-b', 500).action).toBe('take-over');
    expect(decideClaim(record({}), 'exec-b', 500)).toMatchObject({
      action: 'refuse',
      reason: /PROCESSING in execution exec-a/,
    });
  });

  it('lets no state leave DONE or FAILED and reaches them only through CLEANING', () => {
    expect(canMove('DONE', 'CREATING')).toBe(false);
    expect(canMove('FAILED', 'PROCESSING')).toBe(false);
    expect(canMove('PROCESSING', 'DONE')).toBe(false);
    expect(canMove('CLEANING', 'DONE')).toBe(true);
  });
});

describe('job table (dynalite)', () => {
  let ddb: Awaited<ReturnType<typeof startDynamoDb>>;
  let store: { db: DynamoDBDocumentClient; tableName: string };
  beforeAll(async () => {
    ddb = await startDynamoDb();
    await createTableFromCfn(ddb.client(), 'jobs', jobTableCfn());
    store = { db: DynamoDBDocumentClient.from(ddb.client()), tableName: 'jobs' };
  });
  afterAll(() => ddb.stop());

  const claim = (jobId: string, executionArn: string, now = new Date('2026-01-01T00:00:00Z')) =>
    claimJob(store, { jobId, cacheName: `fc2_${jobId}`, executionArn, leaseSeconds: 3600, now });

  it('lets exactly one of many concurrent claims of one job proceed', async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => claim('race', `exec-${i}`)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(JobInProgressError);
  });

  it('moves only the owner, only along allowed transitions, and a FAILED job can be taken over', async () => {
    await claim('j2', 'exec-a');
    const now = new Date();
    await expect(moveJob(store, { jobId: 'j2', owner: 'exec-b', to: 'CLEANING', now })).rejects.toBeInstanceOf(
      JobRecordConflictError,
    );
    await expect(moveJob(store, { jobId: 'j2', owner: 'exec-a', to: 'DONE', now })).rejects.toThrow(
      /cannot move to DONE/,
    );
    await moveJob(store, { jobId: 'j2', owner: 'exec-a', to: 'CLEANING', now });
    await moveJob(store, { jobId: 'j2', owner: 'exec-a', to: 'FAILED', now, set: { error: 'OntapJobFailed' } });
    const retried = await claim('j2', 'exec-b');
    expect(retried).toMatchObject({ action: 'proceed', record: { owner: 'exec-b', attempt: 2, state: 'CREATING' } });
    expect(await getJob(store, 'j2')).toMatchObject({ owner: 'exec-b', state: 'CREATING' });
  });
});
