import { z } from 'zod';
import { itemResultSchema } from './item-result';
import { successMetricSchema } from './success-metrics';

/**
 * The fields every Report task gets from its ASL (execution id and start, the Discover result, the Map
 * results, the success-metric rows). Spread into the service's own event schema:
 * `z.object({ ...reportEventShape, analysis: … })`.
 */
export const reportEventShape = {
  executionArn: z.string().min(1),
  startedAt: z.string().min(1),
  discovery: z.object({ discovered: z.number().int().nonnegative(), skipped: z.array(itemResultSchema) }),
  results: z.array(z.unknown()),
  successMetrics: z.array(successMetricSchema),
};
