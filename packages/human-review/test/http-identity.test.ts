import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callerIdentity, parseRoleMap, ROLES, RoleMapError, rolesOf } from '../src';

const ACCOUNT = '123456789012';

describe('callerIdentity', () => {
  it('reads an assumed-role session as its role ARN plus the session, keeping the session ARN as actor', () => {
    expect(callerIdentity(`arn:aws:sts::${ACCOUNT}:assumed-role/Reviewers/alice@example.com`)).toEqual({
      actorId: `arn:aws:sts::${ACCOUNT}:assumed-role/Reviewers/alice@example.com`,
      principalArn: `arn:aws:iam::${ACCOUNT}:role/Reviewers`,
      sessionName: 'alice@example.com',
    });
  });

  it('keeps the partition of GovCloud and China sessions', () => {
    expect(callerIdentity(`arn:aws-us-gov:sts::${ACCOUNT}:assumed-role/R/s1`)?.principalArn).toBe(
      `arn:aws-us-gov:iam::${ACCOUNT}:role/R`,
    );
    expect(callerIdentity(`arn:aws-cn:sts::${ACCOUNT}:assumed-role/R/s1`)?.principalArn).toBe(
      `arn:aws-cn:iam::${ACCOUNT}:role/R`,
    );
  });

  it('reads an IAM user, dropping its path for matching but keeping it in the actor id', () => {
    expect(callerIdentity(`arn:aws:iam::${ACCOUNT}:user/staff/radiology/bob`)).toEqual({
      actorId: `arn:aws:iam::${ACCOUNT}:user/staff/radiology/bob`,
      principalArn: `arn:aws:iam::${ACCOUNT}:user/bob`,
    });
  });

  it('finds no caller in a missing ARN, the root user, a federated user or a non-IAM ARN', () => {
    for (const arn of [
      null,
      undefined,
      '',
      `arn:aws:iam::${ACCOUNT}:root`,
      `arn:aws:sts::${ACCOUNT}:federated-user/carol`,
      `arn:aws:s3:::bucket/user/x`,
      `arn:aws:sts::${ACCOUNT}:assumed-role/Reviewers`,
      `arn:aws:sts::12345:assumed-role/Reviewers/alice`,
      'alice',
    ]) {
      expect(callerIdentity(arn)).toBeUndefined();
    }
  });

  it('maps every well-formed session ARN to the role ARN of its account and role name (property)', () => {
    const name = fc.stringMatching(/^[\w+=,.@-]{1,64}$/);
    const session = fc.stringMatching(/^[\w+=,.@-]{2,64}$/);
    const account = fc.stringMatching(/^\d{12}$/);
    fc.assert(
      fc.property(account, name, session, (acct, role, sessionName) => {
        const arn = `arn:aws:sts::${acct}:assumed-role/${role}/${sessionName}`;
        expect(callerIdentity(arn)).toEqual({
          actorId: arn,
          principalArn: `arn:aws:iam::${acct}:role/${role}`,
          sessionName,
        });
      }),
    );
  });

  it('never throws on arbitrary input (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const caller = callerIdentity(s);
        expect(caller === undefined || caller.actorId === s).toBe(true);
      }),
    );
  });
});

describe('parseRoleMap', () => {
  it('gives a session the roles of its role, plus any given to that exact session', () => {
    const map = parseRoleMap(
      JSON.stringify({
        [`arn:aws:iam::${ACCOUNT}:role/teams/Reviewers`]: 'reviewer',
        [`arn:aws:sts::${ACCOUNT}:assumed-role/Reviewers/lead`]: ['approver', 'reviewer'],
        [`arn:aws:iam::${ACCOUNT}:user/ops/otto`]: ['operator'],
      }),
    );
    const session = (name: string) => {
      const caller = callerIdentity(`arn:aws:sts::${ACCOUNT}:assumed-role/Reviewers/${name}`);
      if (caller === undefined) throw new Error('test ARN did not parse');
      return caller;
    };
    expect(rolesOf(map, session('alice'))).toEqual(['reviewer']);
    expect(rolesOf(map, session('lead'))).toEqual(['reviewer', 'approver']);
    const otto = callerIdentity(`arn:aws:iam::${ACCOUNT}:user/otto`);
    expect(otto && rolesOf(map, otto)).toEqual(['operator']);
    const stranger = callerIdentity(`arn:aws:sts::${ACCOUNT}:assumed-role/Admins/alice`);
    expect(stranger && rolesOf(map, stranger)).toEqual([]);
  });

  it.each([
    [undefined, /missing/],
    ['', /missing/],
    ['{"arn:aws:iam::123456789012:role/R": "reviewer"', /not valid JSON/],
    ['["reviewer"]', /invalid/],
    ['{}', /no entries/],
    ['{"arn:aws:iam::123456789012:role/R": "admin"}', /arn:aws:iam::123456789012:role\/R.*reviewer, approver/],
    ['{"arn:aws:iam::123456789012:role/R": []}', /invalid/],
    ['{"arn:aws:iam::123456789012:role/*": "reviewer"}', /not an IAM user, role or assumed-role session ARN/],
    ['{"arn:aws:iam::123456789012:root": "operator"}', /not an IAM user, role/],
    ['{"alice": "reviewer"}', /"alice" is not an IAM user/],
    [
      '{"arn:aws:iam::123456789012:role/a/R": "reviewer", "arn:aws:iam::123456789012:role/R": "auditor"}',
      /more than once/,
    ],
  ])('refuses %j with a RoleMapError saying why', (json, message) => {
    expect(() => parseRoleMap(json)).toThrow(RoleMapError);
    expect(() => parseRoleMap(json)).toThrow(message);
  });

  it('accepts any map of role ARNs to role lists and hands back exactly those roles (property)', () => {
    const entry = fc.tuple(
      fc.stringMatching(/^[A-Za-z][\w+=,.@-]{0,20}$/),
      fc.uniqueArray(fc.constantFrom(...ROLES), { minLength: 1 }),
    );
    fc.assert(
      fc.property(fc.uniqueArray(entry, { minLength: 1, maxLength: 8, selector: ([name]) => name }), (entries) => {
        const json = JSON.stringify(
          Object.fromEntries(entries.map(([n, r]) => [`arn:aws:iam::${ACCOUNT}:role/${n}`, r])),
        );
        const map = parseRoleMap(json);
        for (const [name, roles] of entries) {
          const caller = callerIdentity(`arn:aws:sts::${ACCOUNT}:assumed-role/${name}/someone`);
          expect(caller && [...rolesOf(map, caller)].sort()).toEqual([...roles].sort());
        }
      }),
    );
  });

  it('throws only RoleMapError whatever the text (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        try {
          parseRoleMap(text);
        } catch (error) {
          expect(error).toBeInstanceOf(RoleMapError);
        }
      }),
    );
  });
});
