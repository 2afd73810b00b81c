import { createHandler } from '@fsxn/lambda-kit';
import { reasonFromCatch } from '@fsxn/pipeline';
import { z } from 'zod';
import { commonConfig, SERVICE_ID } from '../config';
import { decideRoute } from '../domain/decide-route';
import { combineHealth, type OntapHealth, toRouteEndpoint } from '../domain/health';
import { tablesOf } from '../runtime';
import { readActive, recordHealth } from '../steps/routing-table';
import { executionArn, ontapResultSchema, planSchema, probesSchema } from './events';

const config = commonConfig();
const tables = tablesOf(config);

/** The ONTAP branch either answered or was caught (management API unavailable after retries). */
const ontapBranch = z.union([
  z.object({ available: z.literal(true), result: ontapResultSchema }),
  z.object({ available: z.literal(false), error: z.object({ Error: z.string(), Cause: z.string().optional() }) }),
]);

/**
 * Combines both sides of the health run into one verdict per endpoint, records them in the routing table
 * (conditional writes), reads the active route and decides: keep it, change it (the failed checks are the
 * why), or report that nothing is healthy.
 */
export const handler = createHandler(
  {
    service: SERVICE_ID,
    schema: z.object({ executionArn, plan: planSchema, health: z.tuple([ontapBranch, probesSchema]) }),
  },
  async (event, ctx) => {
    const started = performance.now();
    const { plan } = event;
    const [ontapSide, probes] = event.health;
    const ontap: OntapHealth = ontapSide.available
      ? { available: true, endpoints: ontapSide.result.endpoints }
      : { available: false, error: reasonFromCatch(ontapSide.error), endpoints: [] };
    const health = combineHealth(plan.endpoints, ontap, probes);
    const endpoints = plan.endpoints.map((e) =>
      toRouteEndpoint(
        e,
        health.find((h) => h.id === e.id),
      ),
    );
    const checkedAt = new Date().toISOString();
    const recorded = await recordHealth(tables, endpoints, health, { executionArn: event.executionArn, checkedAt });
    const active = await readActive(tables);
    const decision = decideRoute({
      endpoints,
      health,
      active,
      strategy: plan.strategy,
      region: plan.homeRegion,
      seed: plan.seed,
    });
    ctx.metrics.addMetric('HealthyEndpoints', 'Count', health.filter((h) => h.healthy).length);
    ctx.log.info(
      { action: decision.action, active: active?.endpointId ?? null, stale: recorded.stale },
      'route decided',
    );
    return {
      decision,
      health,
      checkedAt,
      decideMs: Math.round((performance.now() - started) * 100) / 100,
      recorded,
      active: active === undefined ? null : { endpointId: active.endpointId, version: active.version },
      ontap: ontapSide.available
        ? { available: true, origin: ontapSide.result.origin, created: ontapSide.result.created }
        : { available: false, error: ontap.error },
    };
  },
);
