import { describe, expect, it } from 'vitest';
import { toItemResult } from '../src/map-results';

describe('toItemResult', () => {
  it('keeps item results a task returned', () => {
    expect(toItemResult({ key: 'a', status: 'SUCCEEDED', outputs: ['o/a'] })).toMatchObject({
      key: 'a',
      outputs: ['o/a'],
    });
  });

  it('turns a Catch record into a failure whose reason names the error', () => {
    const caught = {
      key: 'b',
      status: 'FAILED',
      error: {
        Error: 'PermanentError',
        Cause: JSON.stringify({ errorType: 'PermanentError', errorMessage: 'bad bytes' }),
      },
    };
    expect(toItemResult(caught)).toMatchObject({ key: 'b', status: 'FAILED', reason: 'PermanentError: bad bytes' });
  });

  it('turns a review rejection into a failure carrying the reviewer comment', () => {
    const rejected = {
      key: 'c',
      status: 'FAILED',
      rejected: true,
      error: { Error: 'ReviewRejected', Cause: 'blurry' },
    };
    expect(toItemResult(rejected)).toMatchObject({ status: 'FAILED', reason: 'ReviewRejected: blurry' });
  });

  it('refuses an output that is neither (a bug in the state machine, not bad input)', () => {
    expect(() => toItemResult({ key: 'd', status: 'FAILED' })).toThrow();
  });
});
