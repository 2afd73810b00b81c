import { ProvisionedThroughputExceededException, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  FsxnError,
  PermanentError,
  TransientError,
  toBoundaryError,
  ValidationError,
} from '../src/errors';

/** The shape AWS SDK v3 gives a service error, without depending on one client's classes. */
const sdkError = (name: string, status: number | undefined, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} happened`), {
    name,
    $fault: status !== undefined && status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-1', attempts: 3 },
    ...extra,
  });

describe('error classes', () => {
  it('gives the boundary classes the names state machines match on', () => {
    const transient = new TransientError('x');
    const permanent = new PermanentError('y');
    expect(transient.name).toBe('TransientError');
    expect(transient.transient).toBe(true);
    expect(permanent.name).toBe('PermanentError');
    expect(permanent.transient).toBe(false);
    expect(transient).toBeInstanceOf(FsxnError);
    expect(permanent).toBeInstanceOf(Error);
  });

  it('chains the cause through the base class', () => {
    const root = new Error('root');
    expect(new FsxnError('wrapped', { cause: root, transient: true }).cause).toBe(root);
  });
});

describe('toBoundaryError', () => {
  it('returns our boundary errors as they are', () => {
    const transient = new TransientError('again');
    const permanent = new PermanentError('never');
    expect(toBoundaryError(transient)).toBe(transient);
    expect(toBoundaryError(permanent)).toBe(permanent);
  });

  it('follows a boolean transient property and keeps name and message in the new message', () => {
    const flaky = Object.assign(new Error('ONTAP busy'), { name: 'OntapBusyError', transient: true });
    const broken = Object.assign(new Error('bad volume'), { name: 'OntapVolumeError', transient: false });
    const mappedFlaky = toBoundaryError(flaky);
    const mappedBroken = toBoundaryError(broken);
    expect(mappedFlaky).toBeInstanceOf(TransientError);
    expect(mappedFlaky.message).toBe('OntapBusyError: ONTAP busy');
    expect(mappedFlaky.cause).toBe(flaky);
    expect(mappedBroken).toBeInstanceOf(PermanentError);
    expect(mappedBroken.message).toBe('OntapVolumeError: bad volume');
  });

  it('maps our own permanent errors to PermanentError', () => {
    const config = new ConfigError('Invalid configuration', [{ variable: 'A', message: 'is required but not set' }]);
    const validation = new ValidationError('Invalid event', []);
    expect(toBoundaryError(config)).toBeInstanceOf(PermanentError);
    expect(toBoundaryError(validation).message).toBe('ValidationError: Invalid event');
  });

  it.each([
    ['ThrottlingException', 400],
    ['TooManyRequestsException', 400],
    ['RequestTimeout', 400],
    ['SlowDown', 503],
    ['ProvisionedThroughputExceededException', 400],
    ['ServiceUnavailable', 503],
    ['InternalServerError', 500],
    ['SomethingNew', 502],
    ['SomethingThrottled', 429],
  ])('treats an AWS SDK %s (HTTP %i) as transient', (name, status) => {
    const err = sdkError(name, status);
    const mapped = toBoundaryError(err);
    expect(mapped).toBeInstanceOf(TransientError);
    expect(mapped.message).toBe(`${name}: ${name} happened`);
    expect(mapped.cause).toBe(err);
  });

  it('treats an AWS SDK error marked $retryable as transient whatever its status', () => {
    expect(toBoundaryError(sdkError('CustomRetryable', 400, { $retryable: { throttling: false } }))).toBeInstanceOf(
      TransientError,
    );
  });

  it.each([
    ['AccessDeniedException', 403],
    ['NoSuchKey', 404],
    ['ValidationException', 400],
    ['ConditionalCheckFailedException', 400],
  ])('treats an AWS SDK %s (HTTP %i) as permanent', (name, status) => {
    expect(toBoundaryError(sdkError(name, status))).toBeInstanceOf(PermanentError);
  });

  it('classifies real AWS SDK exception classes', () => {
    const throttled = new ProvisionedThroughputExceededException({
      message: 'Rate exceeded',
      $metadata: { httpStatusCode: 400 },
    });
    const missing = new ResourceNotFoundException({ message: 'Table not found', $metadata: { httpStatusCode: 400 } });
    expect(toBoundaryError(throttled)).toBeInstanceOf(TransientError);
    expect(toBoundaryError(throttled).message).toBe('ProvisionedThroughputExceededException: Rate exceeded');
    expect(toBoundaryError(missing)).toBeInstanceOf(PermanentError);
  });

  it.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED'])('treats a network error with code %s as transient', (code) => {
    const err = Object.assign(new Error('socket hang up'), { code });
    expect(toBoundaryError(err)).toBeInstanceOf(TransientError);
    expect(toBoundaryError(err).message).toBe('Error: socket hang up');
  });

  it('looks through causes of errors that carry no verdict of their own', () => {
    const wrapped = new Error('listing failed', { cause: sdkError('SlowDown', 503) });
    expect(toBoundaryError(wrapped)).toBeInstanceOf(TransientError);
    expect(toBoundaryError(new Error('outer', { cause: new Error('inner') }))).toBeInstanceOf(PermanentError);
  });

  it('lets an explicit verdict win over a transient cause', () => {
    const explicit = Object.assign(new Error('give up'), { transient: false, cause: sdkError('SlowDown', 503) });
    const clientFault = sdkError('AccessDeniedException', 403, { cause: sdkError('SlowDown', 503) });
    expect(toBoundaryError(explicit)).toBeInstanceOf(PermanentError);
    expect(toBoundaryError(clientFault)).toBeInstanceOf(PermanentError);
  });

  it('stops on a cyclic cause chain', () => {
    const a: { name: string; message: string; cause?: unknown } = { name: 'A', message: 'a' };
    a.cause = { name: 'B', message: 'b', cause: a };
    expect(toBoundaryError(a)).toBeInstanceOf(PermanentError);
  });

  it('describes thrown non-errors without serialising their contents', () => {
    expect(toBoundaryError('plain text').message).toBe('NonErrorThrown: plain text');
    expect(toBoundaryError(null).message).toBe('NonErrorThrown: null was thrown');
    expect(toBoundaryError(undefined).message).toBe('NonErrorThrown: undefined was thrown');
    expect(toBoundaryError(42).message).toBe('NonErrorThrown: number 42 was thrown');
    const withSecret = toBoundaryError({ password: 'hunter2-secret' });
    expect(withSecret.message).toBe('NonErrorThrown: a thrown object without a message');
    expect(withSecret.message).not.toContain('hunter2');
  });

  it('survives hostile thrown values', () => {
    const throwingGetters = Object.defineProperties(new Error('x'), {
      name: {
        get() {
          throw new Error('no name');
        },
      },
      message: {
        get() {
          throw new Error('no message');
        },
      },
    });
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    for (const value of [throwingGetters, revoked.proxy, Object.create(null), Symbol('s'), () => 1, 10n]) {
      const mapped = toBoundaryError(value);
      expect(mapped).toBeInstanceOf(PermanentError);
      expect(mapped.cause).toBe(value);
    }
  });

  it('always returns one of the two boundary classes with the original as cause (property)', () => {
    const thrown = fc.oneof(
      fc.anything(),
      fc.string(),
      fc.constant(null),
      fc.string().map((m) => new Error(m)),
      fc
        .record({
          name: fc.oneof(fc.constantFrom('ThrottlingException', 'SlowDown', 'NoSuchKey'), fc.string()),
          message: fc.string(),
          transient: fc.option(fc.boolean(), { nil: undefined }),
          code: fc.option(fc.constantFrom('ECONNRESET', 'EACCES'), { nil: undefined }),
          $metadata: fc.option(fc.record({ httpStatusCode: fc.integer({ min: 100, max: 599 }) }), { nil: undefined }),
        })
        .map((fields) => Object.assign(new Error(fields.message), fields)),
    );
    fc.assert(
      fc.property(thrown, (value) => {
        const mapped = toBoundaryError(value);
        const isBoundary = mapped instanceof TransientError || mapped instanceof PermanentError;
        expect(isBoundary).toBe(true);
        expect(mapped.cause).toBe(value);
        expect(mapped.transient).toBe(mapped instanceof TransientError);
        expect(mapped.name).toBe(mapped.transient ? 'TransientError' : 'PermanentError');
        if (value instanceof Error && typeof (value as { transient?: unknown }).transient === 'boolean') {
          expect(mapped.transient).toBe((value as { transient?: unknown }).transient);
        }
      }),
    );
  });
});
