import {
  IdempotencyConfig,
  IdempotencyInconsistentStateError,
  IdempotencyPersistenceLayerError,
  IdempotencyAlreadyInProgressError as PowertoolsInProgressError,
  makeIdempotent as powertoolsMakeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { FsxnError, toBoundaryError, ValidationError } from './errors';

/** Another invocation holds the lock for this key right now; retrying later returns its stored result. */
export class IdempotencyAlreadyInProgressError extends FsxnError {
  override readonly name = 'IdempotencyAlreadyInProgressError';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { transient: true, cause: options.cause });
  }
}

/** The idempotency table could not be read or written; transient when the underlying fault is. */
export class IdempotencyStoreError extends FsxnError {
  override readonly name = 'IdempotencyStoreError';
}

export interface IdempotencyOptions<TEvent> {
  tableName: string;
  /** Built once per cold start by the caller. */
  client: DynamoDBClient;
  /**
   * Key namespace. Every function that must not repeat the same work uses the same scope: in HYBRID
   * trigger mode the polling path and the event path share it, so a file seen by both is processed once.
   */
  scope: string;
  /** Identity of the work, e.g. `${key}#${etag}` so a changed file is processed again. */
  keyOf: (event: TEvent) => string;
  /** How long a completed result is kept and returned for duplicates (default one day). */
  ttlSeconds?: number;
}

/**
 * `fn` made idempotent. The Lambda context sets the in-progress lock to expire when the invocation would
 * time out, so a retry after a crash or timeout is not blocked until `ttlSeconds`.
 */
export type IdempotentFn<TEvent, TResult> = (event: TEvent, lambda: Context) => Promise<TResult>;

const DEFAULT_TTL_SECONDS = 24 * 60 * 60;

/**
 * Runs `fn` at most once per key (Powertools idempotency on DynamoDB conditional writes):
 * the first call writes an in-progress record and stores the result when `fn` resolves; a duplicate
 * returns the stored result without running `fn`; a duplicate while the first still runs fails with the
 * transient `IdempotencyAlreadyInProgressError`; when `fn` throws, the record is deleted so a retry runs
 * again. Results are stored as JSON: return plain data (it is returned in its JSON form every time).
 */
export const makeIdempotent = <TEvent, TResult>(
  fn: (event: TEvent) => Promise<TResult>,
  options: IdempotencyOptions<TEvent>,
): IdempotentFn<TEvent, TResult> => {
  const config = new IdempotencyConfig({ expiresAfterSeconds: options.ttlSeconds ?? DEFAULT_TTL_SECONDS });
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: options.tableName,
    awsSdkV3Client: options.client,
    keyAttr: IDEMPOTENCY_KEY_ATTRIBUTE,
    expiryAttr: IDEMPOTENCY_EXPIRY_ATTRIBUTE,
  });
  // Powertools hashes the first argument; we hand it the key and keep the event as second argument.
  const once = powertoolsMakeIdempotent(async (_key: string, event: TEvent) => toJsonForm(await fn(event)), {
    persistenceStore,
    config,
    keyPrefix: options.scope,
  });

  return async (event, lambda) => {
    const key = options.keyOf(event);
    if (typeof key !== 'string' || key.length === 0) {
      throw new ValidationError('Idempotency key is empty', [{ path: [], message: 'keyOf returned an empty key' }]);
    }
    config.registerLambdaContext(lambda);
    try {
      return (await once(key, event)) as TResult;
    } catch (err) {
      throw translate(err);
    }
  };
};

const translate = (err: unknown): unknown => {
  if (err instanceof PowertoolsInProgressError) {
    return new IdempotencyAlreadyInProgressError('Another invocation is processing the same item', { cause: err });
  }
  if (err instanceof IdempotencyInconsistentStateError) {
    return new IdempotencyStoreError('Idempotency record changed while being read', { transient: true, cause: err });
  }
  if (err instanceof IdempotencyPersistenceLayerError) {
    const transient = toBoundaryError(err.cause).transient;
    return new IdempotencyStoreError(`Idempotency table access failed: ${err.message}`, { transient, cause: err });
  }
  return err;
};

// The JSON form is what a duplicate gets back from the table; the first caller gets the same form.
const toJsonForm = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

export const IDEMPOTENCY_KEY_ATTRIBUTE = 'id';
export const IDEMPOTENCY_EXPIRY_ATTRIBUTE = 'expiration';

/** CloudFormation `AWS::DynamoDB::Table` Properties of an idempotency table (on-demand, TTL on `expiration`). */
export const idempotencyTableCfn = (tableName: string) => ({
  TableName: tableName,
  BillingMode: 'PAY_PER_REQUEST' as const,
  AttributeDefinitions: [{ AttributeName: IDEMPOTENCY_KEY_ATTRIBUTE, AttributeType: 'S' as const }],
  KeySchema: [{ AttributeName: IDEMPOTENCY_KEY_ATTRIBUTE, KeyType: 'HASH' as const }],
  TimeToLiveSpecification: { AttributeName: IDEMPOTENCY_EXPIRY_ATTRIBUTE, Enabled: true },
  SSESpecification: { SSEEnabled: true },
});
