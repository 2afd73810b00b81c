import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenKey, OutputKeyError, summaryKeyFor, unflattenKey } from '../../src/domain';

describe('summaryKeyFor', () => {
  it('dates the summary by UTC day and flattens the key with / → _', () => {
    expect(summaryKeyFor('invoices/2024/inv-0042.pdf', new Date('2024-05-01T23:30:00Z'))).toBe(
      'summaries/2024/05/01/invoices_2024_inv-0042.pdf.json',
    );
  });

  it('keeps two keys apart that the reference flattened to one name', () => {
    expect(flattenKey('a/b_c.pdf')).toBe('a_b%5Fc.pdf');
    expect(flattenKey('a_b/c.pdf')).toBe('a%5Fb_c.pdf');
  });

  it('refuses keys without a file name of their own', () => {
    expect(() => summaryKeyFor('', new Date())).toThrow(OutputKeyError);
  });

  it('round-trips every key and never produces a path separator', () => {
    const keyChars = fc.constantFrom('a', 'Z', '0', '/', '_', '%', '5', 'F', '.', '-', ' ', '請');
    fc.assert(
      fc.property(fc.string({ unit: keyChars, minLength: 1, maxLength: 30 }), (key) => {
        const flat = flattenKey(key);
        expect(flat).not.toContain('/');
        expect(unflattenKey(flat)).toBe(key);
      }),
      { numRuns: 3000 },
    );
  });

  it('gives distinct keys distinct names (injective)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        fc.pre(a !== b);
        expect(flattenKey(a)).not.toBe(flattenKey(b));
      }),
      { numRuns: 3000 },
    );
  });
});
