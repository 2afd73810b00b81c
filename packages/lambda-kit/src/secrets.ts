import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PermanentError } from './errors';

/**
 * A reader for one Secrets Manager secret string, fetched on first use and kept for the life of the
 * container (build it at module scope). A failed read is not cached, so the next call tries again.
 * The value is returned to the caller only: never logged, never put in an error message.
 */
export const secretStringReader = (client: SecretsManagerClient, secretId: string): (() => Promise<string>) => {
  let value: Promise<string> | undefined;
  return () => {
    if (!value) {
      const pending = client.send(new GetSecretValueCommand({ SecretId: secretId })).then((out) => {
        if (!out.SecretString) throw new PermanentError(`secret ${secretId} has no string value`);
        return out.SecretString;
      });
      value = pending;
      pending.catch(() => {
        if (value === pending) value = undefined;
      });
    }
    return value;
  };
};
