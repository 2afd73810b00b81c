/** The four ways a reader can choose among healthy endpoints. */
export const STRATEGIES = ['latency', 'weighted', 'region-affinity', 'failover-priority'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** One read path (a FlexCache or the origin) as the routing table records it. */
export interface RouteEndpoint {
  readonly id: string;
  /** Alias or ARN of the S3 access point on the endpoint's volume. */
  readonly accessPoint: string;
  readonly region: string;
  /** Relative share for `weighted` (0 = never picked by weight). */
  readonly weight: number;
  /** Lower wins for `failover-priority`. */
  readonly priority: number;
  readonly healthy: boolean;
  /** Last measured read latency; null when it could not be measured. */
  readonly latencyMs: number | null;
}

/** A function returning numbers uniformly in [0, 1), e.g. `createRandom(seed)`. */
export type RandomSource = () => number;

export interface SelectOptions {
  readonly strategy: Strategy;
  /** Needed by `weighted`: pass `createRandom(seed)` so a choice can be repeated. */
  readonly random?: RandomSource;
  /** The caller's region, used by `region-affinity`. */
  readonly region?: string;
  /** Endpoint ids never to pick (e.g. the path that just failed). */
  readonly exclude?: readonly string[];
}
