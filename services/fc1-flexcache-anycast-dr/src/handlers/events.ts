import { reasonFromCatch } from '@fsxn/pipeline';
import { z } from 'zod';
import { STRATEGIES } from '../routing';

export const executionArn = z.string().min(1);

const endpointSchema = z.object({
  id: z.string().min(1),
  volume: z.string().min(1),
  accessPoint: z.string().min(1),
  accessPointName: z.string().min(1),
  region: z.string().min(1),
  weight: z.number(),
  priority: z.number(),
  junctionPath: z.string().optional(),
  isOrigin: z.boolean(),
});

/** What Validate hands to every later step. */
export const planSchema = z.object({
  svmName: z.string().min(1),
  originVolume: z.string().min(1),
  endpoints: z.array(endpointSchema).min(1),
  strategy: z.enum(STRATEGIES),
  homeRegion: z.string().min(1),
  seed: z.number().int().nonnegative(),
  approvalRequired: z.boolean(),
  ensureCaches: z.boolean(),
  reason: z.string(),
});
export type Plan = z.output<typeof planSchema>;

const checkSchema = z.object({
  name: z.string(),
  status: z.enum(['pass', 'fail', 'unknown']),
  detail: z.string(),
  error: z.string().optional(),
});
const endpointChecksSchema = z.object({ id: z.string(), checks: z.array(checkSchema) });

/**
 * What the state machine hands OntapHealth about EnsureCaches: its result, an empty one when `ensureCaches`
 * is off, or (CachesNotEnsured) the caught error.
 */
export const ensuredSchema = z
  .object({
    created: z.array(z.string()),
    provisions: z.array(z.object({ id: z.string(), check: checkSchema })),
    error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
  })
  .transform(({ error, ...rest }) => (error === undefined ? rest : { ...rest, error: reasonFromCatch(error) }));

export const ontapResultSchema = z.object({
  origin: z.object({ name: z.string(), state: z.string().nullable(), mounted: z.boolean() }),
  created: z.array(z.string()),
  endpoints: z.array(endpointChecksSchema),
});
export const probesSchema = z.array(endpointChecksSchema.extend({ latencyMs: z.number().nullable() }));

const endpointRef = z.object({ endpointId: z.string().min(1), accessPoint: z.string().min(1) });
export const changeSchema = z.object({
  from: endpointRef.nullable(),
  to: endpointRef,
  expectedVersion: z.number().int().nonnegative(),
  reason: z.string(),
  failedChecks: z.array(z.string()),
  strategy: z.enum(STRATEGIES),
  seed: z.number().int().nonnegative(),
});
