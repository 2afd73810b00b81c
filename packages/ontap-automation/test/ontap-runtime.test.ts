import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countingOntapClient, ontapClientOf } from '../src/ontap-runtime';

const secretsMock = mockClient(SecretsManagerClient);
const secrets = new SecretsManagerClient({ region: 'us-east-1' });
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:ontap-admin';

/** A stand-in management endpoint: answers 503 to the first `failFirst` requests, then a cluster object. */
let server: Server;
let endpoint = '';
let failFirst = 0;
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers);
    const fail = failFirst > 0;
    if (fail) failFirst--;
    res.writeHead(fail ? 503 : 200, { 'content-type': 'application/hal+json' });
    res.end(JSON.stringify(fail ? { error: { message: 'busy', code: '2' } } : { name: 'cluster1' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  seen.length = 0;
  failFirst = 0;
  secretsMock.reset();
  secretsMock
    .on(GetSecretValueCommand, { SecretId: SECRET_ARN })
    .resolves({ SecretString: JSON.stringify({ username: 'admin', password: 'pw' }) });
});

const settings = () => ({
  ONTAP_ENDPOINT: endpoint,
  ONTAP_SECRET_ARN: SECRET_ARN,
  ONTAP_CA_PEM: '',
  ONTAP_TIMEOUT_MS: 5000,
  ONTAP_RETRIES: 1,
});

describe('ontapClientOf', () => {
  it('signs requests with the Secrets Manager credentials and reads the secret once while cached', async () => {
    const client = ontapClientOf(settings(), { secrets });
    await client.request({ method: 'GET', path: '/cluster' });
    await client.request({ method: 'GET', path: '/cluster' });
    await client.close();
    expect(seen.map((h) => h.authorization)).toEqual([
      `Basic ${Buffer.from('admin:pw').toString('base64')}`,
      `Basic ${Buffer.from('admin:pw').toString('base64')}`,
    ]);
    expect(secretsMock.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });
});

describe('countingOntapClient', () => {
  it('counts every HTTP request sent to ONTAP, retries included', async () => {
    const { client, calls } = countingOntapClient(settings(), { secrets });
    expect(calls()).toBe(0);
    await client.request({ method: 'GET', path: '/cluster' });
    expect(calls()).toBe(1);
    failFirst = 1;
    await client.request({ method: 'GET', path: '/cluster' });
    await client.close();
    expect(calls()).toBe(3);
    expect(seen).toHaveLength(3);
  });
});
