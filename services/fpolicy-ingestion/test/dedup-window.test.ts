import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DedupWindow, SessionSequences } from '../src/index';

describe('dedup window', () => {
  it('accepts a key once within the window and again after its TTL', () => {
    let now = 0;
    const window = new DedupWindow({ maxEntries: 10, ttlMs: 100, now: () => now });
    expect(window.firstSeen('s#1')).toBe(true);
    expect(window.firstSeen('s#1')).toBe(false);
    now = 99;
    expect(window.firstSeen('s#1')).toBe(false);
    now = 100;
    expect(window.firstSeen('s#1')).toBe(true);
  });

  it('matches a reference model: a key is a duplicate iff it is among the last maxEntries distinct keys', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 200 }),
        (max, keys) => {
          const window = new DedupWindow({ maxEntries: max, ttlMs: 1e12, now: () => 0 });
          const model: number[] = [];
          for (const key of keys) {
            const expectedFirst = !model.includes(key);
            expect(window.firstSeen(String(key))).toBe(expectedFirst);
            if (expectedFirst) {
              model.push(key);
              if (model.length > max) model.shift();
            }
            expect(window.size).toBe(model.length);
          }
        },
      ),
    );
  });

  it('numbers each session from 0 without gaps, independently per session', () => {
    const seq = new SessionSequences({ idleMs: 1000, maxSessions: 10, now: () => 0 });
    expect([seq.next('a'), seq.next('a'), seq.next('b'), seq.peek('a'), seq.next('a')]).toEqual([0, 1, 0, 2, 2]);
  });
});
