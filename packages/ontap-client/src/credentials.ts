import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { OntapCredentialsError } from './errors';

export interface BasicCredentials {
  readonly username: string;
  readonly password: string;
}

/**
 * Source of the Basic-auth user. `invalidate()` is called once after a 401 so a rotated secret is
 * picked up without waiting for the cache to expire.
 */
export interface CredentialsProvider {
  get(): Promise<BasicCredentials>;
  invalidate(): void;
}

/** Fixed credentials (local simulator, tests). */
export const staticCredentials = (username: string, password: string): CredentialsProvider => ({
  get: async () => ({ username, password }),
  invalidate: () => {},
});

export interface SecretsManagerCredentialsOptions {
  readonly client: Pick<SecretsManagerClient, 'send'>;
  readonly secretId: string;
  /** How long a fetched secret is reused; default 5 minutes. */
  readonly cacheTtlMs?: number;
  /** Clock, injectable for tests. */
  readonly now?: () => number;
}

const DEFAULT_CACHE_TTL_MS = 5 * 60_000;

const parseSecret = (secretString: string | undefined, secretId: string): BasicCredentials => {
  let parsed: unknown;
  try {
    parsed = secretString === undefined ? undefined : JSON.parse(secretString);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed === 'object' && parsed !== null) {
    const { username, password } = parsed as Record<string, unknown>;
    if (typeof username === 'string' && username.length > 0 && typeof password === 'string') {
      return { username, password };
    }
  }
  // The secret's content is deliberately not part of the message.
  throw new OntapCredentialsError(`Secret ${secretId} is not a JSON object with string "username" and "password"`, {
    transient: false,
  });
};

const isThrottleOrServerFault = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const meta = (error as { $metadata?: { httpStatusCode?: number }; $fault?: string; name?: string }).$metadata;
  const fault = (error as { $fault?: string }).$fault;
  const name = (error as { name?: string }).name;
  return fault === 'server' || name === 'ThrottlingException' || (meta?.httpStatusCode ?? 0) >= 500;
};

/** Reads `{"username","password"}` from a Secrets Manager secret, cached for `cacheTtlMs`. */
export const secretsManagerCredentials = (options: SecretsManagerCredentialsOptions): CredentialsProvider => {
  const ttl = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
  const now = options.now ?? Date.now;
  let cached: { value: BasicCredentials; expiresAt: number } | undefined;
  let inFlight: Promise<BasicCredentials> | undefined;

  const load = async (): Promise<BasicCredentials> => {
    let secretString: string | undefined;
    try {
      const output = await options.client.send(new GetSecretValueCommand({ SecretId: options.secretId }));
      secretString = output.SecretString;
    } catch (error) {
      throw new OntapCredentialsError(`Could not read secret ${options.secretId}`, {
        transient: isThrottleOrServerFault(error),
        cause: error,
      });
    }
    const value = parseSecret(secretString, options.secretId);
    cached = { value, expiresAt: now() + ttl };
    return value;
  };

  return {
    get() {
      if (cached !== undefined && cached.expiresAt > now()) return Promise.resolve(cached.value);
      // Concurrent callers share one GetSecretValue call.
      inFlight ??= load().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate() {
      cached = undefined;
    },
  };
};
