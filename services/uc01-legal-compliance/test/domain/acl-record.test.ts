import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AclChangedDuringReadError,
  AclFormatError,
  type AclRecord,
  decodeNdjson,
  encodeNdjson,
  type FileSecurityView,
  FULL_ACCESS_RIGHTS,
  permissionsOf,
  toAclRecord,
} from '../../src/domain';

/** Shaped like ONTAP 9.16 answers to GET /protocols/file-security/permissions (names, then SIDs). */
const named: FileSecurityView = {
  owner: 'BUILTIN\\Administrators',
  control_flags: '0x9404',
  security_style: 'mixed',
  effective_style: 'ntfs',
  acls: [
    { user: 'Everyone', access: 'access_allow', rights: 'full_control', inherited: false },
    {
      user: 'NT AUTHORITY\\Authenticated Users',
      access: 'access_allow',
      advanced_rights: { read_data: true, synchronize: true },
      inherited: true,
    },
    { user: 'S-1-5-21-1-2-3-1013', access: 'access_deny', rights: 'write' },
    { user: 'S-1-5-11', access: 'audit_failure', rights: 'read' },
  ],
};
const bySid: FileSecurityView = {
  owner: 'S-1-5-32-544',
  control_flags: '0x9404',
  acls: [
    { user: 'S-1-1-0', access: 'access_allow', rights: 'full_control', inherited: false },
    {
      user: 'S-1-5-11',
      access: 'access_allow',
      advanced_rights: { read_data: true, synchronize: true },
      inherited: true,
    },
    { user: 'S-1-5-21-1-2-3-1013', access: 'access_deny', rights: 'write' },
    { user: 'S-1-5-11', access: 'audit_failure', rights: 'read' },
  ],
};
const input = { objectKey: 'legal/a.pdf', volumeUuid: 'vol-uuid', collectedAt: '2025-01-02 03:04:05.678' };

describe('toAclRecord', () => {
  it('joins names and SIDs ACE by ACE; unresolved domain SIDs get no name, well-known ones their fixed name', () => {
    const outcome = toAclRecord({ ...input, named, bySid });
    expect(outcome).toEqual({
      kind: 'record',
      record: {
        object_key: 'legal/a.pdf',
        volume_uuid: 'vol-uuid',
        security_style: 'ntfs',
        owner_sid: 'S-1-5-32-544',
        dacl_protected: true,
        collected_at: '2025-01-02 03:04:05.678',
        acls: [
          { sid: 'S-1-1-0', name: 'Everyone', type: 'ALLOWED', permissions: 'FULL_CONTROL', inherited: false },
          {
            sid: 'S-1-5-11',
            name: 'NT AUTHORITY\\Authenticated Users',
            type: 'ALLOWED',
            permissions: 'READ_DATA|SYNCHRONIZE',
            inherited: true,
          },
          { sid: 'S-1-5-21-1-2-3-1013', name: null, type: 'DENIED', permissions: 'WRITE', inherited: false },
          {
            sid: 'S-1-5-11',
            name: 'NT AUTHORITY\\Authenticated Users',
            type: 'AUDIT_FAILURE',
            permissions: 'READ',
            inherited: false,
          },
        ],
      },
    });
  });

  it('takes the SID ONTAP printed for an unresolved name over the other read', () => {
    const outcome = toAclRecord({
      ...input,
      named: { ...named, acls: [{ user: 'S-1-5-21-9-9-9-513', access: 'access_allow', rights: 'full_control' }] },
      bySid: { ...bySid, acls: [{ user: 'S-1-5-21-4-4-4-4444', access: 'access_allow', rights: 'full_control' }] },
    });
    expect(outcome.kind === 'record' && outcome.record.acls[0]).toMatchObject({
      sid: 'S-1-5-21-9-9-9-513',
      name: null,
    });
  });

  it('has no record for UNIX-style files and NULL DACLs, and says why', () => {
    expect(toAclRecord({ ...input, named: { effective_style: 'unix', acls: [] }, bySid: { acls: [] } })).toEqual({
      kind: 'no-acl',
      reason: 'NoNtfsAcl: UNIX security style (mode bits only, no ACL)',
    });
    const nullDacl = { control_flags: '0x8000', effective_style: 'ntfs', acls: [] };
    expect(toAclRecord({ ...input, named: nullDacl, bySid: nullDacl })).toMatchObject({
      kind: 'no-acl',
      reason: expect.stringMatching(/^NoDacl: /),
    });
  });

  it('reports a descriptor that changed between the two reads as transient', () => {
    const shorter = { ...bySid, acls: bySid.acls.slice(1) };
    const error = (() => {
      try {
        toAclRecord({ ...input, named, bySid: shorter });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AclChangedDuringReadError);
    expect((error as AclChangedDuringReadError).transient).toBe(true);
  });

  it('refuses a SID read that is not a SID and an unknown ACE access', () => {
    const badSid = { ...bySid, acls: [{ ...bySid.acls[0], user: 'CORP\\someone', access: 'access_allow' }] };
    expect(() =>
      toAclRecord({ ...input, named: { ...named, acls: [named.acls[0] ?? { user: '', access: '' }] }, bySid: badSid }),
    ).toThrow(AclFormatError);
    const odd = { ...named, acls: [{ user: 'Everyone', access: 'access_maybe' }] };
    expect(() =>
      toAclRecord({ ...input, named: odd, bySid: { ...bySid, acls: [{ user: 'S-1-1-0', access: 'access_maybe' }] } }),
    ).toThrow(/unknown ACE access/);
  });
});

describe('permissionsOf', () => {
  it('treats every right of FILE_ALL_ACCESS as full control even without the flag', () => {
    const all = Object.fromEntries(FULL_ACCESS_RIGHTS.map((r) => [r, true]));
    expect(permissionsOf({ user: 'x', access: 'access_allow', advanced_rights: all })).toBe('FULL_CONTROL');
    const { write_owner: _dropped, ...allButOne } = all;
    expect(permissionsOf({ user: 'x', access: 'access_allow', advanced_rights: allButOne })).not.toContain('FULL');
    expect(permissionsOf({ user: 'x', access: 'access_allow', rights: 'modify' })).toBe('MODIFY');
    expect(permissionsOf({ user: 'x', access: 'access_allow' })).toBe('NONE');
  });

  it('never says FULL for a right set that misses any of FILE_ALL_ACCESS', () => {
    fc.assert(
      fc.property(fc.subarray([...FULL_ACCESS_RIGHTS], { maxLength: FULL_ACCESS_RIGHTS.length - 1 }), (rights) => {
        const advanced = Object.fromEntries(rights.map((r) => [r, true]));
        expect(permissionsOf({ user: 'x', access: 'access_allow', advanced_rights: advanced })).not.toContain('FULL');
      }),
    );
  });
});

const sidText = fc
  .array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { minLength: 1, maxLength: 6 })
  .map((subs) => `S-1-5-${subs.join('-')}`);
const recordArbitrary: fc.Arbitrary<AclRecord> = fc.record({
  object_key: fc.string({ minLength: 1, unit: 'grapheme' }),
  volume_uuid: fc.uuid(),
  security_style: fc.constantFrom('ntfs', 'mixed', 'unified'),
  owner_sid: fc.option(sidText, { nil: null }),
  dacl_protected: fc.boolean(),
  acls: fc.array(
    fc.record({
      sid: sidText,
      name: fc.option(fc.string(), { nil: null }),
      type: fc.constantFrom('ALLOWED' as const, 'DENIED' as const, 'AUDIT_SUCCESS' as const, 'AUDIT_FAILURE' as const),
      permissions: fc.constantFrom('FULL_CONTROL', 'READ', 'MODIFY', 'READ_DATA|SYNCHRONIZE'),
      inherited: fc.boolean(),
    }),
    { maxLength: 8 },
  ),
  collected_at: fc
    .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
    .map((d) => d.toISOString().replace('T', ' ').slice(0, 23)),
});

describe('NDJSON codec', () => {
  it('round-trips records, one line each', () => {
    fc.assert(
      fc.property(fc.array(recordArbitrary, { maxLength: 5 }), (records) => {
        const text = encodeNdjson(records);
        expect(text.split('\n')).toHaveLength(records.length + 1);
        expect(decodeNdjson(text)).toEqual(records);
      }),
    );
  });

  it('throws only AclFormatError on damaged or arbitrary lines', () => {
    fc.assert(
      fc.property(recordArbitrary, fc.nat(), fc.string(), (record, at, junk) => {
        const line = encodeNdjson([record]);
        const cut = line.slice(0, at % line.length);
        for (const text of [cut, junk, `${line}${junk}\n`]) {
          try {
            decodeNdjson(text);
          } catch (error) {
            expect(error).toBeInstanceOf(AclFormatError);
          }
        }
      }),
    );
  });
});
