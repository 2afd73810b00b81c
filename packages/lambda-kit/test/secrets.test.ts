import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { PermanentError } from '../src/errors';
import { secretStringReader } from '../src/secrets';

const sm = mockClient(SecretsManagerClient);

describe('secretStringReader', () => {
  beforeEach(() => sm.reset());

  it('reads the secret once and serves later calls from memory', async () => {
    sm.on(GetSecretValueCommand, { SecretId: 'arn:key' }).resolves({ SecretString: 's3cr3t' });
    const read = secretStringReader(new SecretsManagerClient({}), 'arn:key');
    expect(await read()).toBe('s3cr3t');
    expect(await read()).toBe('s3cr3t');
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('does not cache a failure, and never puts the value in an error', async () => {
    sm.on(GetSecretValueCommand).rejectsOnce(new Error('throttled')).resolves({ SecretString: 'v' });
    const read = secretStringReader(new SecretsManagerClient({}), 'arn:key');
    await expect(read()).rejects.toThrow('throttled');
    expect(await read()).toBe('v');
  });

  it('refuses a binary-only secret with a permanent error naming the secret, not its content', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1, 2, 3]) });
    const error = await secretStringReader(new SecretsManagerClient({}), 'arn:bin')().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect(String(error)).toContain('arn:bin');
  });
});
