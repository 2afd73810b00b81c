import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/domain/errors';
import { accessPointNameOfAlias, planFromInput, snapshotTagFor } from '../../src/domain/input';

const defaults = { svmName: 'svm1', wait: { pollSeconds: 10, maxChecks: 30 }, accessPointPrefix: 'fsxn-clone-' };
const plan = (input: unknown) => planFromInput(input, 'exec-1', defaults);
const problem = (input: unknown): string => {
  try {
    plan(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as Error).message;
  }
  throw new Error('expected the input to be refused');
};

describe('planFromInput', () => {
  it('fills in the defaults of a run: snapshot from the execution, junction from the clone name, flags off', () => {
    expect(plan({ parentVolume: 'vol1', cloneName: 'vol1_c' })).toEqual({
      operation: 'run',
      executionName: 'exec-1',
      svmName: 'svm1',
      parentVolume: 'vol1',
      snapshot: { name: 'fxc_exec_1', reuse: false, tag: snapshotTagFor('exec-1') },
      clone: { name: 'vol1_c', junctionPath: '/vol1_c' },
      securityStyle: null,
      processEnabled: false,
      attachAccessPoint: false,
      process: null,
      shareEnabled: false,
      share: null,
      wait: { pollSeconds: 10, maxChecks: 30 },
    });
  });

  it('keeps an existing snapshot as reused (cleanup will not delete it) and honours wait overrides', () => {
    const p = plan({ parentVolume: 'vol1', cloneName: 'c1', existingSnapshot: 'daily_1', wait: { maxChecks: 3 } });
    expect(p).toMatchObject({ snapshot: { name: 'daily_1', reuse: true }, wait: { pollSeconds: 10, maxChecks: 3 } });
  });

  it('plans attaching an access point through FSx', () => {
    const p = plan({
      parentVolume: 'vol1',
      cloneName: 'c1',
      processFiles: {
        mode: 'count',
        accessPoint: {
          attach: {
            name: 'fsxn-clone-c1',
            fileSystemId: 'fs-0123456789abcdef0',
            identity: { type: 'UNIX', user: 'root' },
          },
        },
      },
    });
    expect(p).toMatchObject({
      processEnabled: true,
      attachAccessPoint: true,
      process: { mode: 'count', prefix: '', accessPoint: { kind: 'attach', name: 'fsxn-clone-c1' } },
    });
  });

  it('names every problem at once', () => {
    const message = problem({
      parentVolume: 'vol-1',
      cloneName: '9c',
      junctionPath: 'rel',
      securityStyle: 'unified',
      extra: 1,
    });
    expect(message).toContain('parentVolume: must not contain "-"');
    expect(message).toContain('cloneName: must use only letters');
    expect(message).toContain('junctionPath: must be absolute');
    expect(message).toContain('securityStyle');
    expect(message).toContain('extra');
  });

  it('refuses conflicting or unsafe options', () => {
    expect(problem({ parentVolume: 'v', cloneName: 'c', existingSnapshot: 's', snapshotName: 't' })).toContain(
      'either',
    );
    expect(problem({ parentVolume: 'v', cloneName: 'v' })).toContain('cloneName must differ');
    expect(problem({ operation: 'delete', cloneName: 'c' })).toContain('operation: must be');
    expect(problem('text')).toContain('must be a JSON object');
    expect(
      problem({
        parentVolume: 'v',
        cloneName: 'c',
        processFiles: { mode: 'count', accessPoint: { alias: 'other-ap-abcdefghij-ext-s3alias' } },
      }),
    ).toContain('must start with "fsxn-clone-"');
    expect(
      problem({ parentVolume: 'v', cloneName: 'c', processFiles: { mode: 'count', accessPoint: {}, prefix: '../x' } }),
    ).toContain('exactly one of alias or attach');
  });

  it('plans an explicit cleanup and a split', () => {
    expect(
      plan({ operation: 'cleanup', cloneName: 'c', shareName: 's', snapshot: { volume: 'v', name: 'n' } }),
    ).toMatchObject({
      operation: 'cleanup',
      clone: { name: 'c' },
      shareName: 's',
      snapshot: { volume: 'v', name: 'n' },
      detachAccessPoint: false,
    });
    expect(plan({ operation: 'split', cloneName: 'c', svmName: 'svm2' })).toMatchObject({
      operation: 'split',
      svmName: 'svm2',
    });
  });

  it('reads the access point name out of an alias', () => {
    expect(accessPointNameOfAlias('fsxn-clone-ap-abcdefghij-ext-s3alias')).toBe('fsxn-clone-ap');
  });
});
