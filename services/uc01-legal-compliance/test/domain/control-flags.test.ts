import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AclFormatError, formatControlFlags, parseControlFlags } from '../../src/domain';

describe('parseControlFlags', () => {
  it('reads the DACL bits of ONTAP control_flags', () => {
    // 0x8004 = self-relative + DACL present (ONTAP's default), 0x9004 adds SE_DACL_PROTECTED.
    expect(parseControlFlags('0x8004')).toEqual({ value: 0x8004, daclPresent: true, daclProtected: false });
    expect(parseControlFlags('0x9004')).toEqual({ value: 0x9004, daclPresent: true, daclProtected: true });
    expect(parseControlFlags('0x8000')).toEqual({ value: 0x8000, daclPresent: false, daclProtected: false });
  });

  it('refuses values that are not 16-bit hex', () => {
    for (const text of ['', '8004', '0x', '0x10000', '0x80g4', ' 0x8004']) {
      expect(() => parseControlFlags(text), text).toThrow(AclFormatError);
    }
  });

  it('round-trips every 16-bit value and reads bits 2 and 12 exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), (value) => {
        const flags = parseControlFlags(formatControlFlags(value));
        expect(flags.value).toBe(value);
        expect(flags.daclPresent).toBe(Math.floor(value / 4) % 2 === 1);
        expect(flags.daclProtected).toBe(Math.floor(value / 4096) % 2 === 1);
      }),
    );
  });

  it('throws only AclFormatError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          parseControlFlags(text);
        } catch (error) {
          expect(error).toBeInstanceOf(AclFormatError);
        }
      }),
    );
  });
});
