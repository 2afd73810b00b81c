import { describe, expect, it } from 'vitest';
import { failureOf } from '../src/domain/run-summary';

const lambdaCause = (errorType: string, errorMessage: string) => JSON.stringify({ errorType, errorMessage, trace: [] });

describe('failureOf', () => {
  it('recovers the original error name from a boundary error, also when the name has digits', () => {
    const message = 'S3ApNotFoundError: ListObjectsV2 on a-abcdefghij-ext-s3alias/ failed: NoSuchBucket';
    expect(failureOf({ Error: 'PermanentError', Cause: lambdaCause('PermanentError', message) })).toEqual({
      error: 'S3ApNotFoundError',
      cause: message,
    });
    expect(
      failureOf({ Error: 'TransientError', Cause: lambdaCause('TransientError', 'OntapUnavailable: HTTP 503') }),
    ).toMatchObject({ error: 'OntapUnavailable' });
  });

  it('keeps names the state machine made itself and plain-text causes; nothing when there was no error', () => {
    expect(failureOf({ Error: 'States.Timeout', Cause: 'Task timed out' })).toEqual({
      error: 'States.Timeout',
      cause: 'Task timed out',
    });
    expect(failureOf({ Error: 'PermanentError', Cause: 'no name here' })).toMatchObject({ error: 'PermanentError' });
    expect(failureOf(undefined)).toBeNull();
  });
});
