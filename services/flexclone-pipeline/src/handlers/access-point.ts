import { createHandler } from '@fsxn/lambda-kit';
import { detachAccessPoint, ensureAccessPoint, fsxClient } from '@fsxn/ontap-automation';
import { z } from 'zod';
import { accessPointConfig, SERVICE_ID } from '../config';
import { InvalidInputError } from '../domain/errors';
import { accumulate } from '../domain/report';
import { loopStateSchema, runPlan, timed } from './events';

// Read for its validation at cold start (fails a bad deploy early); the FSx API is reached outside the VPC.
accessPointConfig();
const fsx = fsxClient();
const noOntap = () => 0;

/** Attaches an S3 access point to the clone through FSx, or reports how far the attachment has got. */
export const attach = createHandler(
  {
    service: SERVICE_ID,
    schema: z.object({
      executionArn: z.string().min(1),
      plan: runPlan,
      cloneUuid: z.string().min(1),
      previous: loopStateSchema,
    }),
  },
  async (event) => {
    const accessPoint = event.plan.process?.accessPoint;
    if (accessPoint?.kind !== 'attach')
      throw new InvalidInputError('AttachAccessPoint runs only when the plan asks to attach one');
    const { result, timing } = await timed(noOntap, () =>
      ensureAccessPoint(fsx, accessPoint, event.cloneUuid, event.previous.attempt),
    );
    return { ...result, timing: accumulate(event.previous.timing, timing) };
  },
);

/** Detaches the access point before the clone is deleted (cleanup path and explicit cleanup). */
export const detach = createHandler(
  { service: SERVICE_ID, schema: z.object({ executionArn: z.string().min(1), name: z.string().min(1) }) },
  async (event) => ({ accessPoint: await detachAccessPoint(fsx, event.name) }),
);
