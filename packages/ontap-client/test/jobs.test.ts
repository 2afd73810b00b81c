import { describe, expect, it } from 'vitest';
import {
  completeAsync,
  createOntapClient,
  OntapJobFailedError,
  OntapJobTimeoutError,
  OntapNotFoundError,
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
