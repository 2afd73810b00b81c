import { PermanentError, TransientError, toBoundaryError } from '@fsxn/lambda-kit';
import { OntapJobFailed, OntapUnavailable } from '@fsxn/ontap-automation';
import { describe, expect, it } from 'vitest';
import { accumulate, buildReport, failureOf, leftoversOf, summarize } from '../../src/domain/report';

/** The Cause Step Functions records for a Lambda error, built from the boundary error lambda-kit throws. */
const causeOf = (error: Error) => JSON.stringify({ errorType: error.name, errorMessage: error.message, trace: [] });

describe('failureOf', () => {
  it('recovers the service error name from a permanent boundary error', () => {
    const boundary = toBoundaryError(
      new OntapJobFailed('CreateClone', { uuid: 'j1', code: '917927', message: 'Insufficient space' }),
    );
    expect(boundary).toBeInstanceOf(PermanentError);
    expect(failureOf({ Error: boundary.name, Cause: causeOf(boundary) })).toEqual({
      error: 'OntapJobFailed',
      cause: 'CreateClone: ONTAP job j1 failed: Insufficient space (code 917927)',
    });
  });

  it('recovers it from a transient boundary error too', () => {
    const boundary = toBoundaryError(new OntapUnavailable('CheckOnline: HTTP 503'));
    expect(boundary).toBeInstanceOf(TransientError);
    expect(failureOf({ Error: boundary.name, Cause: causeOf(boundary) }).error).toBe('OntapUnavailable');
  });

  it('keeps names the state machine made itself (Pass states, States.*) and plain-text causes', () => {
    expect(failureOf({ Error: 'CloneOnlineTimeout', Cause: 'not online after 30 checks' })).toEqual({
      error: 'CloneOnlineTimeout',
      cause: 'not online after 30 checks',
    });
    expect(failureOf({ Error: 'States.Timeout' }).error).toBe('States.Timeout');
  });
});

describe('report', () => {
  const timing = (ms: number, calls: number) => ({
    startedAt: '2026-01-01T00:00:00.000Z',
    ms,
    ontapCalls: calls,
    invocations: 1,
  });

  it('adds up a looping step over its invocations, keeping the first start', () => {
    const first = timing(5, 2);
    const second = { ...timing(7, 3), startedAt: '2026-01-01T00:00:09.000Z' };
    expect(accumulate(accumulate({ ...first, invocations: 0 }, first), second)).toEqual({
      startedAt: first.startedAt,
      ms: 12,
      ontapCalls: 5,
      invocations: 2,
    });
  });

  it('sums ONTAP calls over steps, counts leftovers and evaluates the success metrics', () => {
    const cleanup = {
      share: { action: 'deleted' },
      clone: { action: 'kept', reason: 'split' },
      snapshot: { action: 'absent' },
    };
    expect(leftoversOf(cleanup)).toBe(1);
    const report = buildReport({
      executionArn: 'arn:aws:states:us-east-1:0:execution:sm:run1',
      operation: 'run',
      startedAt: 'a',
      finishedAt: 'b',
      steps: { Prepare: timing(1, 4), CreateSnapshot: timing(2, 3), CheckOnline: undefined },
      created: {},
      files: null,
      cleanup,
      failure: { error: 'OntapJobFailed', cause: 'x' },
      cleanupFailure: undefined,
      cloneReadyMs: undefined,
      successMetrics: [
        {
          id: 'ontapCallsPerRun',
          outcome: 'o',
          metric: 'm',
          target: { op: '<=', value: 6, unit: '' },
          measurement: 'x',
        },
        {
          id: 'leftoversAfterCleanup',
          outcome: 'o',
          metric: 'm',
          target: { op: '==', value: 0, unit: '' },
          measurement: 'x',
        },
        { id: 'cloneReadyMs', outcome: 'o', metric: 'm', target: { op: '<=', value: 1, unit: '' }, measurement: 'x' },
      ],
    });
    expect(report.status).toBe('FAILED');
    expect(report.ontapCalls).toBe(7);
    expect(Object.keys(report.steps)).toEqual(['Prepare', 'CreateSnapshot']);
    expect(report.successMetrics.map((m) => [m.id, m.measured, m.met])).toEqual([
      ['ontapCallsPerRun', 7, false],
      ['leftoversAfterCleanup', 1, false],
      ['cloneReadyMs', null, null],
    ]);
    expect(summarize(report)).toContain('error: OntapJobFailed: x');
    expect(summarize(report)).toContain('cleanup: share deleted, clone kept, snapshot absent');
  });
});
