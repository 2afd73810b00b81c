import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  junctionPathProblem,
  MAX_SNAPSHOT_NAME,
  MAX_VOLUME_NAME,
  ontapNameProblem,
  shareNameProblem,
  snapshotNameFor,
} from '../../src/domain/names';

const segment = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,15}$/).filter((s) => s !== '.' && s !== '..');

describe('ONTAP names', () => {
  it('accepts letters, digits and underscores that do not start with a digit', () => {
    expect(ontapNameProblem('vol1_clone', MAX_VOLUME_NAME)).toBeUndefined();
    expect(ontapNameProblem('_x', MAX_VOLUME_NAME)).toBeUndefined();
  });

  it('rejects hyphens, leading digits, other characters, empty and over-long names', () => {
    expect(ontapNameProblem('vol1-clone', MAX_VOLUME_NAME)).toMatch(/"-"/);
    expect(ontapNameProblem('1vol', MAX_VOLUME_NAME)).toMatch(/digit/);
    expect(ontapNameProblem('vol.1', MAX_VOLUME_NAME)).toBeDefined();
    expect(ontapNameProblem('', MAX_VOLUME_NAME)).toBe('must not be empty');
    expect(ontapNameProblem('a'.repeat(204), MAX_VOLUME_NAME)).toMatch(/203/);
  });

  it('never accepts a name containing a hyphen (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(ontapNameProblem(`${a}-${b}`, MAX_VOLUME_NAME)).toBeDefined();
      }),
    );
  });

  it('derives a valid snapshot name from any execution name (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (execution) => {
        expect(ontapNameProblem(snapshotNameFor(execution), MAX_SNAPSHOT_NAME)).toBeUndefined();
      }),
    );
    expect(snapshotNameFor('b419b149-5dc1-4409')).toBe('fxc_b419b149_5dc1_4409');
  });
});

describe('junction paths', () => {
  it('accepts absolute paths without empty, "." or ".." segments and without a trailing slash', () => {
    expect(junctionPathProblem('/vol1_clone')).toBeUndefined();
    expect(junctionPathProblem('/clones/vol1_clone')).toBeUndefined();
  });

  it.each([
    ['vol1', 'absolute'],
    ['/', 'root'],
    ['/vol1/', 'end with'],
    ['/a//b', 'empty segments'],
    ['/a/../b', '".."'],
    ['/a/./b', '"."'],
    ['/a\\b', 'control characters or "\\"'],
    ['/a\tb', 'control characters'],
  ])('rejects %j (%s)', (path, why) => {
    expect(junctionPathProblem(path)).toContain(why);
  });

  it('accepts every path built from valid segments and rejects it once ".." is inserted (property)', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 8 }), fc.nat(), (segments, at) => {
        expect(junctionPathProblem(`/${segments.join('/')}`)).toBeUndefined();
        const withParent = [...segments];
        withParent.splice(at % (segments.length + 1), 0, '..');
        expect(junctionPathProblem(`/${withParent.join('/')}`)).toBeDefined();
      }),
    );
  });

  it('never throws on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const problem = junctionPathProblem(text);
        expect(problem === undefined || typeof problem === 'string').toBe(true);
      }),
    );
  });
});

describe('CIFS share names', () => {
  it('accepts ordinary and hidden ($) names', () => {
    expect(shareNameProblem('vol1_clone')).toBeUndefined();
    expect(shareNameProblem('Project Share$')).toBeUndefined();
  });

  it.each([
    ['', 'empty'],
    ['a'.repeat(81), '80'],
    ['a/b', 'must not contain'],
    ['a:b', 'must not contain'],
    [' lead', 'space'],
    ['..', 'dots'],
    ['IPC$', 'reserved'],
    ['c$', 'reserved'],
  ])('rejects %j (%s)', (name, why) => {
    expect(shareNameProblem(name)).toContain(why);
  });

  it('rejects any name with a reserved character (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...'"/\\[]:|<>+=;,*?'), fc.string(), (a, bad, b) => {
        expect(shareNameProblem(`x${a}${bad}${b}`)).toBeDefined();
      }),
    );
  });
});
