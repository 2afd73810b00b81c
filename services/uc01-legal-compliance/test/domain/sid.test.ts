import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AclFormatError, canonicalSid, formatSid, isSid, parseSid } from '../../src/domain';

const sidArbitrary = fc.record({
  authority: fc.oneof(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 2 ** 32, max: 2 ** 48 - 1 })),
  subAuthorities: fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { minLength: 1, maxLength: 15 }),
});

describe('parseSid', () => {
  it('reads well-known and domain SIDs', () => {
    expect(parseSid('S-1-1-0')).toEqual({ authority: 1, subAuthorities: [0] });
    expect(parseSid('S-1-5-21-1004336348-1177238915-682003330-513')).toEqual({
      authority: 5,
      subAuthorities: [21, 1004336348, 1177238915, 682003330, 513],
    });
    // MS-DTYP: authorities of 2^32 and above are written in hex.
    expect(parseSid('S-1-0x100000000-7')).toEqual({ authority: 2 ** 32, subAuthorities: [7] });
    expect(canonicalSid('s-1-5-32-544')).toBe('S-1-5-32-544');
  });

  it('refuses strings that are not SIDs', () => {
    for (const text of [
      '',
      'Everyone',
      'S-1',
      'S-1-5',
      'S-2-5-21',
      'S-1-5-4294967296',
      'S-1-05-1',
      'S-1-5-1-',
      'X-1-5-1',
    ]) {
      expect(() => parseSid(text), text).toThrow(AclFormatError);
      expect(isSid(text)).toBe(false);
    }
    expect(() => parseSid(`S-1-5${'-1'.repeat(16)}`)).toThrow(/1 to 15 sub-authorities/);
  });

  it('round-trips every SID through its string form', () => {
    fc.assert(
      fc.property(sidArbitrary, (sid) => {
        expect(parseSid(formatSid(sid))).toEqual(sid);
      }),
    );
  });

  it('throws nothing but AclFormatError on arbitrary text, and isSid never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^S-1-[0-9x-]{0,40}$/)), (text) => {
        try {
          parseSid(text);
        } catch (error) {
          expect(error).toBeInstanceOf(AclFormatError);
        }
        expect(typeof isSid(text)).toBe('boolean');
      }),
    );
  });
});
