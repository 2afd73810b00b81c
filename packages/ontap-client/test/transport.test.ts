import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import {
  createOntapClient,
  fullJitterDelay,
  OntapApiError,
  OntapCredentialsError,
  OntapNotFoundError,
  OntapTransportError,
  secretsManagerCredentials,
  staticCredentials,
} from '../src';
import { fakeFetch, networkError } from './fake-fetch';

const noSleep = async () => {};
const base = { baseUrl: 'https://10.0.0.1', sleep: noSleep, backoff: { baseMs: 1, capMs: 1 } };

describe('createOntapClient', () => {
  it('sends Basic auth, the client-app and SVM tunnel headers to /api paths', async () => {
    const { fetch, requests } = fakeFetch(() => ({ status: 200, body: { ok: true } }));
    const client = createOntapClient({
      ...base,
      baseUrl: 'https://10.0.0.1/api/',
      credentials: staticCredentials('fsxadmin', 'pw'),
      fetch,
      svmTunnel: { name: 'svm1' },
    });
    const response = await client.request({ method: 'GET', path: '/cluster', query: { fields: ['version', 'name'] } });
    expect(response).toEqual({ status: 200, body: { ok: true } });
    const [request] = requests;
    expect(request?.url.toString()).toBe('https://10.0.0.1/api/cluster?fields=version,name');
    expect(request?.init.headers.Authorization).toBe(`Basic ${Buffer.from('fsxadmin:pw').toString('base64')}`);
    expect(request?.init.headers['X-Dot-Client-App']).toMatch(/^fsxn-ontap-client\//);
    expect(request?.init.headers['X-Dot-SVM-Name']).toBe('svm1');
  });

  it('parses ONTAP error bodies into OntapApiError with string code and target', async () => {
    const { fetch } = fakeFetch(() => ({
      status: 409,
      body: {
        error: { message: 'duplicate entry', code: 1, target: 'name', arguments: [{ code: '7', message: 'x' }] },
      },
    }));
    const client = createOntapClient({ ...base, credentials: staticCredentials('u', 'p'), fetch });
    const error = await client.request({ method: 'POST', path: '/storage/volumes', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OntapApiError);
    expect(error).toMatchObject({
      status: 409,
      code: '1',
      target: 'name',
      transient: false,
      arguments: [{ code: '7', message: 'x' }],
    });
    expect((error as OntapApiError).request).toMatchObject({ method: 'POST', path: '/api/storage/volumes' });
  });

  it('raises OntapNotFoundError for 404', async () => {
    const { fetch } = fakeFetch(() => ({
      status: 404,
      body: { error: { message: "entry doesn't exist", code: '4', target: 'uuid' } },
    }));
    const client = createOntapClient({ ...base, credentials: staticCredentials('u', 'p'), fetch });
    await expect(client.request({ method: 'GET', path: '/storage/volumes/x' })).rejects.toBeInstanceOf(
      OntapNotFoundError,
    );
  });

  it('does not retry 4xx responses', async () => {
    const { fetch, requests } = fakeFetch(() => ({ status: 400, body: { error: { message: 'bad', code: '262197' } } }));
    const client = createOntapClient({ ...base, credentials: staticCredentials('u', 'p'), fetch, retries: 5 });
    await expect(client.request({ method: 'GET', path: '/svm/svms' })).rejects.toMatchObject({ status: 400 });
    expect(requests).toHaveLength(1);
  });

  it('retries 429 for every method, including POST', async () => {
    let calls = 0;
    const { fetch } = fakeFetch(() => (++calls < 3 ? { status: 429, body: {} } : { status: 201, body: {} }));
    const client = createOntapClient({ ...base, credentials: staticCredentials('u', 'p'), fetch, retries: 3 });
    await expect(client.request({ method: 'POST', path: '/protocols/cifs/shares', body: {} })).resolves.toMatchObject({
      status: 201,
    });
    expect(calls).toBe(3);
  });

  it('retries a POST after a connect-phase error but not after a reset mid-request', async () => {
    let calls = 0;
    const refused = fakeFetch(() => (++calls === 1 ? networkError('ECONNREFUSED') : { status: 202, body: {} }));
    const client = createOntapClient({ ...base, credentials: staticCredentials('u', 'p'), fetch: refused.fetch });
    await expect(client.request({ method: 'POST', path: '/storage/volumes', body: {} })).resolves.toMatchObject({
      status: 202,
    });
    expect(refused.requests).toHaveLength(2);

    const reset = fakeFetch(() => networkError('ECONNRESET'));
    const client2 = createOntapClient({ ...base, credentials: staticCredentials('u', 'p'), fetch: reset.fetch });
    const error = await client2
      .request({ method: 'POST', path: '/storage/volumes', body: {} })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'OntapTransportError',
      errorCode: 'ECONNRESET',
      transient: true,
      beforeRequestSent: false,
    });
    expect(reset.requests).toHaveLength(1);
  });

  it('retries a GET after a reset and treats TLS verification failures as permanent', async () => {
    const reset = fakeFetch(() => networkError('ECONNRESET'));
    const client = createOntapClient({
      ...base,
      credentials: staticCredentials('u', 'p'),
      fetch: reset.fetch,
      retries: 2,
    });
    await expect(client.request({ method: 'GET', path: '/cluster' })).rejects.toBeInstanceOf(OntapTransportError);
    expect(reset.requests).toHaveLength(3);

    const tls = fakeFetch(() => networkError('SELF_SIGNED_CERT_IN_CHAIN'));
    const client2 = createOntapClient({
      ...base,
      credentials: staticCredentials('u', 'p'),
      fetch: tls.fetch,
      retries: 2,
    });
    await expect(client2.request({ method: 'GET', path: '/cluster' })).rejects.toMatchObject({ transient: false });
    expect(tls.requests).toHaveLength(1);
  });

  it('refreshes credentials once on 401 and then succeeds', async () => {
    const passwords = ['old', 'new'];
    let invalidations = 0;
    const provider = {
      get: async () => ({ username: 'fsxadmin', password: passwords[invalidations] ?? 'new' }),
      invalidate: () => {
        invalidations++;
      },
    };
    const { fetch, requests } = fakeFetch(({ init }) =>
      init.headers.Authorization === `Basic ${Buffer.from('fsxadmin:new').toString('base64')}`
        ? { status: 200, body: {} }
        : { status: 401, body: {} },
    );
    const client = createOntapClient({ ...base, credentials: provider, fetch, retries: 0 });
    await expect(client.request({ method: 'GET', path: '/cluster' })).resolves.toMatchObject({ status: 200 });
    expect(invalidations).toBe(1);
    expect(requests).toHaveLength(2);
  });

  it('gives up after one refresh when the new credentials are rejected too', async () => {
    const { fetch, requests } = fakeFetch(() => ({ status: 401, body: {} }));
    const client = createOntapClient({ ...base, credentials: staticCredentials('u', 'p'), fetch, retries: 3 });
    await expect(client.request({ method: 'GET', path: '/cluster' })).rejects.toMatchObject({ status: 401 });
    expect(requests).toHaveLength(2);
  });

  it('rejects a non-JSON 2xx body', async () => {
    const { fetch } = fakeFetch(() => ({ status: 200, body: '<html>' }));
    const client = createOntapClient({ ...base, credentials: staticCredentials('u', 'p'), fetch });
    await expect(client.request({ method: 'GET', path: '/cluster' })).rejects.toMatchObject({
      name: 'OntapResponseError',
    });
  });
});

describe('fullJitterDelay', () => {
  it('stays within [0, min(cap, base * 2^attempt))', () => {
    expect(fullJitterDelay(0, { baseMs: 100, capMs: 1000 }, 0.999)).toBe(99);
    expect(fullJitterDelay(3, { baseMs: 100, capMs: 1000 }, 0.5)).toBe(400);
    expect(fullJitterDelay(10, { baseMs: 100, capMs: 1000 }, 0.5)).toBe(500);
    expect(fullJitterDelay(2, { baseMs: 100, capMs: 1000 }, 0)).toBe(0);
  });
});

describe('secretsManagerCredentials', () => {
  it('reads {username,password}, caches it for the TTL and re-reads after invalidate()', async () => {
    const sm = mockClient(SecretsManagerClient);
    sm.on(GetSecretValueCommand, { SecretId: 'ontap/fsxadmin' }).resolves({
      SecretString: JSON.stringify({ username: 'fsxadmin', password: 'pw1' }),
    });
    let now = 0;
    const provider = secretsManagerCredentials({
      client: new SecretsManagerClient({}),
      secretId: 'ontap/fsxadmin',
      cacheTtlMs: 1000,
      now: () => now,
    });
    expect(await provider.get()).toEqual({ username: 'fsxadmin', password: 'pw1' });
    await provider.get();
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    now = 1500;
    await provider.get();
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    provider.invalidate();
    await provider.get();
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(3);
    sm.restore();
  });

  it('rejects a malformed secret without echoing its content', async () => {
    const sm = mockClient(SecretsManagerClient);
    sm.on(GetSecretValueCommand).resolves({ SecretString: '{"user":"x","pass":"leaky-secret"}' });
    const provider = secretsManagerCredentials({ client: new SecretsManagerClient({}), secretId: 'ontap/bad' });
    const error = await provider.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OntapCredentialsError);
    expect(JSON.stringify(error) + String(error)).not.toContain('leaky-secret');
    sm.restore();
  });
});
