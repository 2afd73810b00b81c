import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRandom,
  NoHealthyEndpointError,
  type RouteEndpoint,
  RoutingInputError,
  STRATEGIES,
  seedOf,
  selectEndpoint,
} from '../src/routing';

const endpoint = (id: string, fields: Partial<RouteEndpoint> = {}): RouteEndpoint => ({
  id,
  accessPoint: `fsxn-fc1-${id}-abcdefghij-ext-s3alias`,
  region: 'ap-northeast-1',
  weight: 1,
  priority: 100,
  healthy: true,
  latencyMs: 10,
  ...fields,
});

const endpointArb = fc.record({
  id: fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/),
  accessPoint: fc.constant('fsxn-fc1-x-abcdefghij-ext-s3alias'),
  region: fc.constantFrom('ap-northeast-1', 'ap-northeast-3', 'us-east-1'),
  weight: fc.integer({ min: 0, max: 100 }),
  priority: fc.integer({ min: 0, max: 10 }),
  healthy: fc.boolean(),
  latencyMs: fc.option(fc.double({ min: 0, max: 1000, noNaN: true }), { nil: null }),
});
const endpointsArb = fc.uniqueArray(endpointArb, { selector: (e) => e.id, minLength: 1, maxLength: 8 });

describe('selectEndpoint', () => {
  it('never picks an unhealthy or excluded endpoint, whatever the strategy, seed and table', () => {
    fc.assert(
      fc.property(
        endpointsArb,
        fc.constantFrom(...STRATEGIES),
        fc.nat(),
        fc.option(fc.string(), { nil: undefined }),
        (endpoints, strategy, seed, excluded) => {
          const exclude = excluded === undefined ? [] : [excluded];
          try {
            const chosen = selectEndpoint(endpoints, {
              strategy,
              random: createRandom(seed),
              region: 'ap-northeast-1',
              exclude,
            });
            expect(chosen.healthy).toBe(true);
            expect(exclude).not.toContain(chosen.id);
            expect(endpoints).toContain(chosen);
          } catch (error) {
            // Only when nothing was eligible (for weighted: nothing eligible with a positive weight).
            expect(error).toBeInstanceOf(NoHealthyEndpointError);
            const eligible = endpoints.filter(
              (e) => e.healthy && !exclude.includes(e.id) && (strategy !== 'weighted' || e.weight > 0),
            );
            expect(eligible).toEqual([]);
          }
        },
      ),
    );
  });

  it('failover-priority picks the lowest priority number among healthy endpoints (ties by id)', () => {
    fc.assert(
      fc.property(endpointsArb, (endpoints) => {
        const healthy = endpoints.filter((e) => e.healthy);
        fc.pre(healthy.length > 0);
        const chosen = selectEndpoint(endpoints, { strategy: 'failover-priority' });
        const best = Math.min(...healthy.map((e) => e.priority));
        expect(chosen.priority).toBe(best);
        const tied = healthy.filter((e) => e.priority === best).map((e) => e.id);
        expect(chosen.id).toBe([...tied].sort()[0]);
      }),
    );
  });

  it('latency picks the lowest measured latency; unknown latency only when nothing was measured', () => {
    const endpoints = [
      endpoint('a', { latencyMs: null, priority: 0 }),
      endpoint('b', { latencyMs: 42 }),
      endpoint('c', { latencyMs: 7, healthy: false }),
      endpoint('d', { latencyMs: 12 }),
    ];
    expect(selectEndpoint(endpoints, { strategy: 'latency' }).id).toBe('d');
    expect(selectEndpoint([endpoints[0] as RouteEndpoint], { strategy: 'latency' }).id).toBe('a');
  });

  it('region-affinity prefers the caller region and falls back to the fastest elsewhere', () => {
    const endpoints = [
      endpoint('tokyo', { region: 'ap-northeast-1', latencyMs: 30 }),
      endpoint('osaka', { region: 'ap-northeast-3', latencyMs: 5 }),
      endpoint('virginia', { region: 'us-east-1', latencyMs: 2, healthy: false }),
    ];
    expect(selectEndpoint(endpoints, { strategy: 'region-affinity', region: 'ap-northeast-1' }).id).toBe('tokyo');
    expect(selectEndpoint(endpoints, { strategy: 'region-affinity', region: 'us-east-1' }).id).toBe('osaka');
    expect(() => selectEndpoint(endpoints, { strategy: 'region-affinity' })).toThrow(RoutingInputError);
  });

  it('weighted frequencies converge to the weights of the healthy endpoints', () => {
    const endpoints = [
      endpoint('a', { weight: 70 }),
      endpoint('b', { weight: 20 }),
      endpoint('c', { weight: 10 }),
      endpoint('d', { weight: 500, healthy: false }),
    ];
    const random = createRandom(12345);
    const draws = 20_000;
    const counts: Record<string, number> = {};
    for (let i = 0; i < draws; i++) {
      const id = selectEndpoint(endpoints, { strategy: 'weighted', random }).id;
      counts[id] = (counts[id] ?? 0) + 1;
    }
    // Binomial standard deviation at n=20000, p=0.7 is ~0.0032: 0.02 is > 6 sigma.
    expect((counts.a ?? 0) / draws).toBeCloseTo(0.7, 1);
    expect(Math.abs((counts.a ?? 0) / draws - 0.7)).toBeLessThan(0.02);
    expect(Math.abs((counts.b ?? 0) / draws - 0.2)).toBeLessThan(0.02);
    expect(Math.abs((counts.c ?? 0) / draws - 0.1)).toBeLessThan(0.02);
    expect(counts.d).toBeUndefined();
  });

  it('weighted is repeatable: the same seed gives the same choice whatever the table order', () => {
    fc.assert(
      fc.property(endpointsArb, fc.nat(), (endpoints, seed) => {
        fc.pre(endpoints.some((e) => e.healthy && e.weight > 0));
        const forward = selectEndpoint(endpoints, { strategy: 'weighted', random: createRandom(seed) });
        const reversed = selectEndpoint([...endpoints].reverse(), { strategy: 'weighted', random: createRandom(seed) });
        expect(reversed.id).toBe(forward.id);
      }),
    );
  });

  it('refuses weighted without a random source, unknown strategies and bad endpoint values', () => {
    expect(() => selectEndpoint([endpoint('a')], { strategy: 'weighted' })).toThrow(RoutingInputError);
    expect(() => selectEndpoint([endpoint('a')], { strategy: 'round-robin' as 'latency' })).toThrow(/unknown strategy/);
    expect(() => selectEndpoint([endpoint('a', { weight: -1 })], { strategy: 'latency' })).toThrow(/weight/);
    expect(() => selectEndpoint([endpoint('a', { latencyMs: Number.NaN })], { strategy: 'latency' })).toThrow(
      /latencyMs/,
    );
  });
});

describe('createRandom / seedOf', () => {
  it('stays in [0, 1) and repeats for the same seed', () => {
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const a = createRandom(seed);
        const b = createRandom(seed);
        for (let i = 0; i < 20; i++) {
          const x = a();
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
          expect(b()).toBe(x);
        }
      }),
    );
  });

  it('matches the published mulberry32 sequence for seed 1 and FNV-1a test vectors', () => {
    // mulberry32(1) first outputs, computed with the reference C implementation (t >>> 0) / 2^32.
    const random = createRandom(1);
    expect(Math.round(random() * 4_294_967_296)).toBe(2_693_262_067);
    // FNV-1a 32-bit: "" -> 0x811c9dc5, "a" -> 0xe40c292c (from the FNV reference test suite).
    expect(seedOf('')).toBe(0x811c9dc5);
    expect(seedOf('a')).toBe(0xe40c292c);
  });
});
