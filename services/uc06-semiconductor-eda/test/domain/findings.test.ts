import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iqrOutliers, namingViolations, quantileCont } from '../../src/domain';

describe('naming rule [A-Za-z0-9_./]', () => {
  it('flags "-", spaces and other characters, once each, for the library and each cell', () => {
    expect(namingViolations('std-cells', ['INV_X1', 'NAND 2', 'a/b.c', 'X-Y-Z', 'µ'])).toEqual([
      { kind: 'library', name: 'std-cells', characters: ['-'] },
      { kind: 'cell', name: 'NAND 2', characters: [' '] },
      { kind: 'cell', name: 'X-Y-Z', characters: ['-'] },
      { kind: 'cell', name: 'µ', characters: ['µ'] },
    ]);
  });

  it('never flags a name made only of allowed characters', () => {
    const allowed = fc.string({ unit: fc.constantFrom(...'AZaz09_./Mq'.split('')), minLength: 1 });
    fc.assert(
      fc.property(allowed, (name) => {
        expect(namingViolations(name, [name])).toEqual([]);
      }),
    );
  });
});

describe('IQR outliers (quantile_cont, Tukey fences)', () => {
  it('interpolates quartiles like DuckDB quantile_cont (worked by hand)', () => {
    // n = 5: Q1 at position 1 → 2, Q3 at position 3 → 4; n = 4: Q1 at 0.75 → 1.75.
    expect(quantileCont([1, 2, 3, 4, 100], 0.25)).toBe(2);
    expect(quantileCont([1, 2, 3, 4, 100], 0.75)).toBe(4);
    expect(quantileCont([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileCont([], 0.5)).toBeNull();
  });

  it('flags values beyond Q3 + 1.5 IQR as HIGH and below Q1 − 1.5 IQR as LOW, ignoring nulls', () => {
    const rows = [1, 2, 3, 4, 100, -50].map((v, i) => ({ id: `f${i}`, values: { w: v, h: null } }));
    // Sorted −50 1 2 3 4 100: Q1 = 1.25, Q3 = 3.75, IQR 2.5 → fences −2.5 and 7.5.
    expect(iqrOutliers(rows, ['w', 'h']).map((o) => [o.id, o.direction, o.lowerFence, o.upperFence])).toEqual([
      ['f4', 'HIGH', -2.5, 7.5],
      ['f5', 'LOW', -2.5, 7.5],
    ]);
  });

  it('never flags a value inside [Q1, Q3]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (values) => {
          const sorted = [...values].sort((a, b) => a - b);
          const q1 = quantileCont(sorted, 0.25) ?? 0;
          const q3 = quantileCont(sorted, 0.75) ?? 0;
          const flagged = iqrOutliers(
            values.map((v, i) => ({ id: String(i), values: { v } })),
            ['v'],
          );
          for (const o of flagged) expect(o.value < q1 || o.value > q3).toBe(true);
        },
      ),
    );
  });
});
