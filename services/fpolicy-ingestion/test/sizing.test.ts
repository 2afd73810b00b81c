import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSizingReport, IngestionConfigError, persistentStoreSizing } from '../src/index';

const MiB = 1024 * 1024;

describe('persistent store sizing', () => {
  it('reproduces the reference examples (use-cases.md §6), rounded up to MiB', () => {
    // 100 eps × 300 s × 500 B × 2 = 30,000,000 B → 28.61 MiB → 29 MiB
    expect(persistentStoreSizing({ rate: 100, outageSeconds: 300, drainRate: 100 })).toMatchObject({
      bufferedEvents: 30_000,
      volumeBytes: 29 * MiB,
    });
    // 500 × 600 × 500 × 2 = 300,000,000 B → 286.1 MiB → 287 MiB
    expect(persistentStoreSizing({ rate: 500, outageSeconds: 600, drainRate: 1000 }).volumeBytes).toBe(287 * MiB);
    // 5,000 × 600 × 500 × 2 = 3,000,000,000 B → 2861.02 MiB → 2862 MiB
    expect(persistentStoreSizing({ rate: 5000, outageSeconds: 600, drainRate: 10000 }).volumeBytes).toBe(2862 * MiB);
  });

  it('gives the reference replay times and the catch-up time under live traffic', () => {
    // 100k events @ 100 eps = 1,000 s; with 50 eps still arriving the backlog shrinks at 50/s → 2,000 s.
    const s = persistentStoreSizing({ rate: 50, outageSeconds: 2000, drainRate: 100 });
    expect(s.bufferedEvents).toBe(100_000);
    expect(s.replaySeconds).toBe(1000);
    expect(s.catchUpSeconds).toBe(2000);
    // 1 M @ 500 = 2,000 s; a drain no faster than the live rate never catches up.
    const t = persistentStoreSizing({ rate: 500, outageSeconds: 2000, drainRate: 500 });
    expect(t.replaySeconds).toBe(2000);
    expect(t.catchUpSeconds).toBeNull();
  });

  it('uses the given event size and safety factor', () => {
    expect(
      persistentStoreSizing({ rate: 10, outageSeconds: 10, eventBytes: 1024 * 1024, safety: 1, drainRate: 1 })
        .volumeBytes,
    ).toBe(100 * MiB);
  });

  it('refuses non-positive, non-finite and sub-1 safety inputs', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => persistentStoreSizing({ rate: bad, outageSeconds: 1, drainRate: 1 })).toThrow(IngestionConfigError);
      expect(() => persistentStoreSizing({ rate: 1, outageSeconds: bad, drainRate: 1 })).toThrow(IngestionConfigError);
      expect(() => persistentStoreSizing({ rate: 1, outageSeconds: 1, drainRate: bad })).toThrow(IngestionConfigError);
    }
    expect(() => persistentStoreSizing({ rate: 1, outageSeconds: 1, safety: 0.5, drainRate: 1 })).toThrow(/at least 1/);
  });

  it('never sizes below the raw need and never more than one MiB above it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 86_400 }),
        fc.integer({ min: 1, max: 64 * 1024 }),
        fc.double({ min: 1, max: 10, noNaN: true }),
        (rate, outage, bytes, safety) => {
          const s = persistentStoreSizing({
            rate,
            outageSeconds: outage,
            eventBytes: bytes,
            safety,
            drainRate: rate * 2,
          });
          const raw = rate * outage * bytes * safety;
          expect(s.volumeBytes % MiB).toBe(0);
          expect(s.volumeBytes).toBeGreaterThanOrEqual(raw);
          expect(s.volumeBytes - raw).toBeLessThan(MiB);
          expect(s.catchUpSeconds).toBeCloseTo((rate * outage) / rate, 6);
        },
      ),
    );
  });

  it('prints size and times for people', () => {
    const input = { rate: 100, outageSeconds: 300, drainRate: 100 };
    const text = formatSizingReport(input, persistentStoreSizing(input));
    expect(text).toContain('29.0 MiB');
    expect(text).toContain('replay time     : 5.0 min at 100 events/s');
    expect(text).toContain('never');
  });
});
