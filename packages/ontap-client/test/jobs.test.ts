import { describe, expect, it } from 'vitest';
import {
  clones,
  completeAsync,
  createOntapClient,
  jobs,
  OntapJobFailedError,
  OntapJobTimeoutError,
  OntapNotFoundError,
  OntapResponseError,
  staticCredentials,
  waitForJob,
} from '../src';
import { fakeFetch } from './fake-fetch';

const JOB = 'aaaaaaaa-0000-0000-0000-000000000001';
const clientWith = (respond: Parameters<typeof fakeFetch>[0]) => {
  const fake = fakeFetch(respond);
  return {
    client: createOntapClient({
      baseUrl: 'https://ontap.invalid',
      credentials: staticCredentials('u', 'p'),
      fetch: fake.fetch,
      retries: 0,
    }),
    requests: fake.requests,
  };
};
const noSleep = async () => {};

describe('waitForJob', () => {
  it('polls until success', async () => {
    const states = ['queued', 'running', 'success'];
    const { client, requests } = clientWith(() => ({
      status: 200,
      body: { uuid: JOB, state: states.shift() ?? 'success', message: 'success', code: 0 },
    }));
    await expect(waitForJob(client, JOB, { sleep: noSleep })).resolves.toMatchObject({ state: 'success', uuid: JOB });
    expect(requests).toHaveLength(3);
  });

  it('turns a failure into OntapJobFailedError preferring error.code/message over the integer code', async () => {
    const { client } = clientWith(() => ({
      status: 200,
      body: {
        uuid: JOB,
        state: 'failure',
        message: "entry doesn't exist",
        code: 4,
        description: 'DELETE /api/storage/volumes/x',
        error: { message: 'Volume busy', code: '13107406' },
      },
    }));
    const error = await waitForJob(client, JOB, { sleep: noSleep }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OntapJobFailedError);
    expect(error).toMatchObject({
      jobUuid: JOB,
      code: '13107406',
      jobMessage: 'Volume busy',
      description: 'DELETE /api/storage/volumes/x',
    });
  });

  it('polls a bounded number of times and then raises a transient OntapJobTimeoutError', async () => {
    let now = 0;
    const { client, requests } = clientWith(() => ({ status: 200, body: { uuid: JOB, state: 'running' } }));
    const error = await waitForJob(client, JOB, {
      intervalMs: 100,
      timeoutMs: 1000,
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OntapJobTimeoutError);
    expect(error).toMatchObject({ lastState: 'running', transient: true });
    expect(requests.length).toBeLessThanOrEqual(11);
  });

  it('treats a 404 as "finished and purged" only when the job was submitted over 300 s ago', async () => {
    const { client } = clientWith(() => ({
      status: 404,
      body: { error: { message: "entry doesn't exist", code: '4' } },
    }));
    await expect(waitForJob(client, JOB, { submittedAt: 0, now: () => 301_000 })).resolves.toEqual({
      uuid: JOB,
      state: 'purged',
    });
    await expect(waitForJob(client, JOB, { submittedAt: 0, now: () => 10_000 })).rejects.toBeInstanceOf(
      OntapNotFoundError,
    );
  });
});

describe('completeAsync', () => {
  it('treats 200, 201 and 202 alike and waits for every job in {job} or {jobs}', async () => {
    const { client, requests } = clientWith(() => ({ status: 200, body: { uuid: JOB, state: 'success' } }));
    for (const status of [200, 201, 202]) {
      const result = await completeAsync(
        client,
        { status, body: { job: { uuid: JOB } } },
        { method: 'POST', path: '/x' },
      );
      expect(result.jobs).toHaveLength(1);
    }
    const many = await completeAsync(
      client,
      { status: 200, body: { num_records: 2, jobs: [{ uuid: JOB }, { uuid: JOB }] } },
      { method: 'PATCH', path: '/x' },
    );
    expect(many.jobs).toHaveLength(2);
    expect(requests).toHaveLength(5);
  });

  it('accepts a synchronous 201 without a job but rejects a 202 without one', async () => {
    const { client } = clientWith(() => ({ status: 500 }));
    await expect(
      completeAsync(client, { status: 201, body: {} }, { method: 'POST', path: '/x' }),
    ).resolves.toMatchObject({ jobs: [] });
    await expect(
      completeAsync(client, { status: 202, body: {} }, { method: 'POST', path: '/x' }),
    ).rejects.toMatchObject({ name: 'OntapResponseError' });
  });
});

describe('jobs.status (one look, no throw for the outcome)', () => {
  const NOW = 1_000_000_000;
  const notFound = { status: 404, body: { error: { message: "entry doesn't exist", code: '4', target: 'uuid' } } };

  it('reports a failed job with its code instead of throwing', async () => {
    const { client } = clientWith(() => ({
      status: 200,
      body: { uuid: JOB, state: 'failure', message: 'x', code: 4, error: { message: 'Volume busy', code: '13107406' } },
    }));
    await expect(jobs.status(client, JOB)).resolves.toEqual({
      uuid: JOB,
      state: 'failure',
      code: '13107406',
      message: 'Volume busy',
    });
  });

  it('reports a running job as running after a single request', async () => {
    const { client, requests } = clientWith(() => ({ status: 200, body: { uuid: JOB, state: 'running' } }));
    await expect(jobs.status(client, JOB)).resolves.toEqual({ uuid: JOB, state: 'running' });
    expect(requests).toHaveLength(1);
  });

  it('calls a 404 purged only when the job was submitted at least 300 s ago', async () => {
    const { client } = clientWith(() => notFound);
    await expect(jobs.status(client, JOB, { submittedAt: NOW - 300_000, now: () => NOW })).resolves.toEqual({
      uuid: JOB,
      state: 'purged',
    });
    await expect(jobs.status(client, JOB, { submittedAt: NOW - 299_999, now: () => NOW })).rejects.toBeInstanceOf(
      OntapNotFoundError,
    );
    await expect(jobs.status(client, JOB)).rejects.toBeInstanceOf(OntapNotFoundError);
  });
});

describe('mutations with wait: false', () => {
  const input = {
    svm: { name: 'svm1' },
    name: 'clone1',
    parentVolume: { name: 'vol1' },
    parentSnapshot: { name: 'snap1' },
  };

  it('sends one POST asking for the record and returns the job and the new uuid without polling', async () => {
    const { client, requests } = clientWith(() => ({
      status: 202,
      body: {
        job: { uuid: JOB, _links: { self: { href: `/api/cluster/jobs/${JOB}` } } },
        num_records: 1,
        records: [{ uuid: 'bbbbbbbb-0000-0000-0000-000000000002', name: 'clone1' }],
      },
    }));
    await expect(clones.create(client, input, { wait: false })).resolves.toEqual({
      status: 202,
      jobUuid: JOB,
      jobUuids: [JOB],
      recordUuid: 'bbbbbbbb-0000-0000-0000-000000000002',
    });
    expect(requests.map((r) => `${r.init.method} ${r.url.pathname}${r.url.search}`)).toEqual([
      'POST /api/storage/volumes?return_records=true',
    ]);
  });

  it('returns every job of a multi-job answer and no record uuid when none came back', async () => {
    const other = 'aaaaaaaa-0000-0000-0000-000000000002';
    const { client } = clientWith(() => ({
      status: 202,
      body: { num_records: 2, jobs: [{ uuid: JOB }, { uuid: other }] },
    }));
    await expect(clones.startSplit(client, 'c', { wait: false })).resolves.toEqual({
      status: 202,
      jobUuid: JOB,
      jobUuids: [JOB, other],
      recordUuid: undefined,
    });
  });

  it('treats a 202 without a job as a protocol violation', async () => {
    const { client } = clientWith(() => ({ status: 202, body: {} }));
    await expect(clones.startSplit(client, 'c', { wait: false })).rejects.toBeInstanceOf(OntapResponseError);
  });
});
