import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentile } from '../src/percentile';

describe('percentile', () => {
  it('matches hand-computed nearest-rank values', () => {
    // Nearest rank of p50 over 10 values is the 5th smallest; p95 is the 10th.
    const values = [15, 20, 35, 40, 50, 5, 1, 100, 60, 70];
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 95)).toBe(100);
    expect(percentile([42], 95)).toBe(42);
    expect(percentile([], 50)).toBeUndefined();
  });

  it('returns an element with at least p% of the values at or below it and fewer than p% strictly below', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 100 }),
        (xs, p) => {
          const v = percentile(xs, p);
          expect(xs).toContain(v);
          const atOrBelow = xs.filter((x) => x <= (v as number)).length;
          const below = xs.filter((x) => x < (v as number)).length;
          expect(atOrBelow / xs.length).toBeGreaterThanOrEqual(p / 100);
          expect(below / xs.length).toBeLessThan(p / 100);
        },
      ),
    );
  });

  it('rejects percentiles outside (0, 100]', () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});
