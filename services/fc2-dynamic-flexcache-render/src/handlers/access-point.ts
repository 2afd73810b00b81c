import { createHandler } from '@fsxn/lambda-kit';
import { detachAccessPoint, ensureAccessPoint, fsxClient } from '@fsxn/ontap-automation';
import { z } from 'zod';
import { accessPointConfig, SERVICE_ID } from '../config';
import { FlexCacheRenderError } from '../domain/errors';
import { executionArn, loopSchema, planSchema } from './events';

// Read for its validation at cold start; the FSx API is reached outside the VPC.
accessPointConfig();
const fsx = fsxClient();

/** Attaches an S3 access point to the cache volume through FSx, or reports how far the attachment got. */
export const attach = createHandler(
  {
    service: SERVICE_ID,
    schema: z.object({ executionArn, plan: planSchema, cacheVolumeUuid: z.string().min(1), previous: loopSchema }),
  },
  async (event) => {
    const ap = event.plan.accessPoint;
    if (ap.mode !== 'attach') throw new FlexCacheRenderError('AttachAccessPoint runs only in attach mode');
    return ensureAccessPoint(fsx, ap, event.cacheVolumeUuid, event.previous.attempt);
  },
);

/** Detaches the cache's access point before the cache is deleted (success and failure paths). */
export const detach = createHandler(
  { service: SERVICE_ID, schema: z.object({ executionArn, plan: planSchema }) },
  async (event) => {
    const ap = event.plan.accessPoint;
    return { accessPoint: ap.mode === 'attach' ? await detachAccessPoint(fsx, ap.name) : 'not-attached' };
  },
);
