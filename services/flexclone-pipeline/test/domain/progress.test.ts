import { describe, expect, it } from 'vitest';
import { decideOnline, decideSplit } from '../../src/domain/progress';

const mounted = { state: 'online', junctionPath: '/c' };

describe('decideOnline', () => {
  it.each([
    [{ jobState: 'running', volume: undefined }, 'pending'],
    [{ jobState: 'queued', volume: undefined }, 'pending'],
    [{ jobState: 'success', volume: mounted }, 'online'],
    [{ jobState: 'none', volume: mounted }, 'online'],
    [{ jobState: 'purged', volume: mounted }, 'online'],
    [{ jobState: 'success', volume: { state: 'offline', junctionPath: undefined } }, 'pending'],
    [{ jobState: 'success', volume: { state: 'restricted', junctionPath: undefined } }, 'pending'],
    [{ jobState: 'failure', volume: mounted }, 'failed'],
    [{ jobState: 'success', volume: undefined }, 'failed'],
    [{ jobState: 'success', volume: { state: 'error', junctionPath: '/c' } }, 'failed'],
    [{ jobState: 'success', volume: { state: 'online', junctionPath: '/other' } }, 'failed'],
  ] as const)('%j is %s', (seen, status) => {
    expect(decideOnline({ ...seen, expectedJunctionPath: '/c' }).status).toBe(status);
  });
});

describe('decideSplit', () => {
  it('is done once the volume is no longer a FlexClone, pending with progress while splitting', () => {
    expect(decideSplit({ isFlexClone: false, splitInitiated: false, percentComplete: undefined })).toEqual({
      status: 'done',
    });
    expect(decideSplit({ isFlexClone: true, splitInitiated: true, percentComplete: 40 })).toEqual({
      status: 'pending',
      percentComplete: 40,
    });
    expect(decideSplit({ isFlexClone: true, splitInitiated: false, percentComplete: undefined }).status).toBe('failed');
  });
});
