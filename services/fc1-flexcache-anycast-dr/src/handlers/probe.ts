import { createHandler } from '@fsxn/lambda-kit';
import { z } from 'zod';
import { probeConfig, SERVICE_ID } from '../config';
import { s3ForRegion } from '../runtime';
import { probeEndpoints } from '../steps/probe';
import { executionArn, planSchema } from './events';

const config = probeConfig();
const s3For = s3ForRegion(config);

/** Data-path side of the health run (outside the VPC): a timed read through each endpoint's access point. */
export const handler = createHandler(
  { service: SERVICE_ID, schema: z.object({ executionArn, plan: planSchema }) },
  async (event, ctx) => {
    const probes = await probeEndpoints(
      event.plan.endpoints,
      {
        probeKey: config.PROBE_KEY,
        rangeBytes: config.PROBE_RANGE_BYTES,
        latencyThresholdMs: config.PROBE_LATENCY_THRESHOLD_MS,
      },
      { s3For },
    );
    for (const probe of probes) {
      if (probe.latencyMs !== null) ctx.metrics.addMetric('ProbeLatency', 'Milliseconds', probe.latencyMs);
    }
    return probes;
  },
);
