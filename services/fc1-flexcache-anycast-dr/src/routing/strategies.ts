import { NoHealthyEndpointError, RoutingInputError } from './errors';
import { type RandomSource, type RouteEndpoint, type SelectOptions, STRATEGIES } from './types';

const byId = (a: RouteEndpoint, b: RouteEndpoint) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byPriority = (a: RouteEndpoint, b: RouteEndpoint) => a.priority - b.priority || byId(a, b);
/** Unknown latency sorts last; ties fall back to priority, then id, so the order is total. */
const byLatency = (a: RouteEndpoint, b: RouteEndpoint) =>
  (a.latencyMs ?? Number.POSITIVE_INFINITY) - (b.latencyMs ?? Number.POSITIVE_INFINITY) || byPriority(a, b);

const checkEndpoint = (endpoint: RouteEndpoint): void => {
  if (!(Number.isFinite(endpoint.weight) && endpoint.weight >= 0))
    throw new RoutingInputError(`endpoint ${endpoint.id}: weight must be a finite number >= 0`);
  if (!Number.isFinite(endpoint.priority))
    throw new RoutingInputError(`endpoint ${endpoint.id}: priority must be finite`);
  if (endpoint.latencyMs !== null && !(Number.isFinite(endpoint.latencyMs) && endpoint.latencyMs >= 0))
    throw new RoutingInputError(`endpoint ${endpoint.id}: latencyMs must be >= 0 or null`);
};

const first = (sorted: RouteEndpoint[]): RouteEndpoint => {
  const chosen = sorted[0];
  if (chosen === undefined) throw new NoHealthyEndpointError('no healthy endpoint to route to');
  return chosen;
};

const pickWeighted = (candidates: RouteEndpoint[], random: RandomSource): RouteEndpoint => {
  // Sorted by id so the same seed picks the same endpoint whatever order the table returned.
  const weighted = candidates.filter((e) => e.weight > 0).sort(byId);
  const total = weighted.reduce((sum, e) => sum + e.weight, 0);
  if (weighted.length === 0 || total <= 0)
    throw new NoHealthyEndpointError('no healthy endpoint has a positive weight');
  const draw = random();
  if (!(draw >= 0 && draw < 1)) throw new RoutingInputError(`random source returned ${draw}, expected [0, 1)`);
  let point = draw * total;
  for (const endpoint of weighted) {
    point -= endpoint.weight;
    if (point < 0) return endpoint;
  }
  // Floating-point rounding can leave a sliver past the last bucket.
  return first(weighted.slice(-1));
};

/**
 * Chooses one endpoint among the healthy, not excluded ones:
 * - `latency`: lowest measured latency (unknown last), then priority, then id;
 * - `weighted`: random in proportion to weight, from `options.random` (seedable, so repeatable);
 * - `region-affinity`: the lowest-latency endpoint in `options.region`, else the lowest-latency anywhere;
 * - `failover-priority`: lowest priority number, then id.
 * Throws NoHealthyEndpointError when nothing is eligible; never returns an unhealthy endpoint.
 */
export const selectEndpoint = (endpoints: readonly RouteEndpoint[], options: SelectOptions): RouteEndpoint => {
  if (!STRATEGIES.includes(options.strategy)) throw new RoutingInputError(`unknown strategy "${options.strategy}"`);
  for (const endpoint of endpoints) checkEndpoint(endpoint);
  const excluded = new Set(options.exclude ?? []);
  const candidates = endpoints.filter((e) => e.healthy && !excluded.has(e.id));
  switch (options.strategy) {
    case 'latency':
      return first([...candidates].sort(byLatency));
    case 'failover-priority':
      return first([...candidates].sort(byPriority));
    case 'region-affinity': {
      if (options.region === undefined || options.region === '')
        throw new RoutingInputError('region-affinity needs the caller region');
      const local = candidates.filter((e) => e.region === options.region).sort(byLatency);
      return local[0] ?? first([...candidates].sort(byLatency));
    }
    case 'weighted':
      if (options.random === undefined)
        throw new RoutingInputError('weighted needs a random source: pass createRandom(seed)');
      return pickWeighted(candidates, options.random);
  }
};
