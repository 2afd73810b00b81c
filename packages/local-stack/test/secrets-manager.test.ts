import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../src/dynamodb';
import { type LocalSecretsManager, startSecretsManager } from '../src/secrets-manager';

describe('startSecretsManager', () => {
  let sm: LocalSecretsManager;
  let client: SecretsManagerClient;
  beforeAll(async () => {
    sm = await startSecretsManager({ secrets: { 'ontap/admin': { username: 'fsxadmin', password: 'pw' } } });
    client = new SecretsManagerClient(localClientConfig(sm.endpoint));
  });
  afterAll(async () => {
    client.destroy();
    await sm.stop();
  });

  it('answers GetSecretValue by name and by ARN through the real SDK client', async () => {
    const byName = await client.send(new GetSecretValueCommand({ SecretId: 'ontap/admin' }));
    expect(JSON.parse(byName.SecretString ?? '')).toEqual({ username: 'fsxadmin', password: 'pw' });
    const arn = sm.put('uid-key', 'k'.repeat(64));
    const byArn = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    expect(byArn.SecretString).toBe('k'.repeat(64));
  });

  it('fails like AWS for a missing secret', async () => {
    await expect(client.send(new GetSecretValueCommand({ SecretId: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});
