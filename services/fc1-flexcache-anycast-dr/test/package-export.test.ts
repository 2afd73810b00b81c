import { describe, expect, it } from 'vitest';

describe('package exports', () => {
  it('exposes the routing library as @fsxn/fc1-flexcache-anycast-dr/routing', async () => {
    const routing = await import('@fsxn/fc1-flexcache-anycast-dr/routing');
    const local = await import('../src/routing');
    expect(routing.selectEndpoint).toBe(local.selectEndpoint);
    expect(routing.STRATEGIES).toEqual(['latency', 'weighted', 'region-affinity', 'failover-priority']);
  });
});
