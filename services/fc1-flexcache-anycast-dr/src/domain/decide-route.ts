import {
  type ActiveRoute,
  createRandom,
  NoHealthyEndpointError,
  type RouteEndpoint,
  type Strategy,
  selectEndpoint,
} from '../routing';
import type { EndpointHealth } from './health';
import { failedChecksOf } from './health';

export interface RouteDecisionInput {
  readonly endpoints: readonly RouteEndpoint[];
  readonly health: readonly EndpointHealth[];
  readonly active: ActiveRoute | undefined;
  readonly strategy: Strategy;
  /** The deployment's home region, for `region-affinity`. */
  readonly region: string;
  /** Seed of the `weighted` draw (recorded in the audit event so the choice can be replayed). */
  readonly seed: number;
}

/** The planned change: applied at once, or after approval in the compliance profile. */
export interface RouteChange {
  readonly from: { readonly endpointId: string; readonly accessPoint: string } | null;
  readonly to: { readonly endpointId: string; readonly accessPoint: string };
  /** Version of the active route item this change replaces (0 = no route yet). */
  readonly expectedVersion: number;
  readonly reason: string;
  readonly failedChecks: readonly string[];
  readonly strategy: Strategy;
  readonly seed: number;
}

export type RouteDecision =
  | { readonly action: 'keep'; readonly endpointId: string; readonly version: number }
  | { readonly action: 'change'; readonly change: RouteChange }
  | {
      readonly action: 'none-healthy';
      readonly endpointId: string | null;
      readonly reason: string;
      readonly failedChecks: readonly string[];
    };

/**
 * Keeps the active route while it passes its checks (no automatic fail-back, so a flapping cache does
 * not move reads back and forth); otherwise picks a new endpoint with the strategy among the healthy ones,
 * never the failed active one. Without any healthy endpoint the route stays where it is.
 */
export const decideRoute = (input: RouteDecisionInput): RouteDecision => {
  const { active } = input;
  const activeHealth = active === undefined ? undefined : input.health.find((h) => h.id === active.endpointId);
  if (active !== undefined && activeHealth?.healthy === true) {
    return { action: 'keep', endpointId: active.endpointId, version: active.version };
  }
  const reason =
    active === undefined
      ? 'no active route yet: initial selection'
      : activeHealth === undefined
        ? `active endpoint ${active.endpointId} is no longer configured`
        : `active endpoint ${active.endpointId} failed its health checks`;
  const failedChecks = activeHealth === undefined ? [] : failedChecksOf(activeHealth);
  let chosen: RouteEndpoint;
  try {
    chosen = selectEndpoint(input.endpoints, {
      strategy: input.strategy,
      random: createRandom(input.seed),
      region: input.region,
      ...(active === undefined ? {} : { exclude: [active.endpointId] }),
    });
  } catch (error) {
    if (!(error instanceof NoHealthyEndpointError)) throw error;
    return {
      action: 'none-healthy',
      endpointId: active?.endpointId ?? null,
      reason: `${reason}; no other endpoint is healthy`,
      failedChecks: input.health.flatMap(failedChecksOf),
    };
  }
  return {
    action: 'change',
    change: {
      from: active === undefined ? null : { endpointId: active.endpointId, accessPoint: active.accessPoint },
      to: { endpointId: chosen.id, accessPoint: chosen.accessPoint },
      expectedVersion: active?.version ?? 0,
      reason,
      failedChecks,
      strategy: input.strategy,
      seed: input.seed,
    },
  };
};
