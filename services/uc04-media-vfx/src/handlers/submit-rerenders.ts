import { DeadlineClient } from '@aws-sdk/client-deadline';
import { createHandler, PermanentError } from '@fsxn/lambda-kit';
import { z } from 'zod';
import { SERVICE_ID, submitRerendersConfig } from '../config';
import { submitRerenders } from '../deadline';

const config = submitRerendersConfig();
const deadline = new DeadlineClient({});

const eventSchema = z.object({
  executionArn: z.string().min(1),
  rerender: z.array(z.object({ pattern: z.string().min(1), frames: z.array(z.number().int()) })),
});

/**
 * Submits one AWS Deadline Cloud job per sequence with frames to render again. Only reached when the
 * deployment sets `deadlineFarmId` and `deadlineQueueId`; nothing is ever simulated.
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const { DEADLINE_FARM_ID: farmId, DEADLINE_QUEUE_ID: queueId, DEADLINE_RENDER_COMMAND: renderCommand } = config;
  if (!farmId || !queueId || !renderCommand) {
    throw new PermanentError('Deadline Cloud farm, queue and render command must all be configured to submit jobs');
  }
  const submitted = await submitRerenders(
    deadline,
    {
      farmId,
      queueId,
      renderCommand,
      priority: config.DEADLINE_PRIORITY,
      maxRetriesPerTask: config.DEADLINE_MAX_RETRIES_PER_TASK,
    },
    event.rerender,
    event.executionArn,
  );
  ctx.metrics.addMetric('RerenderJobsSubmitted', 'Count', submitted.length);
  ctx.log.info({ jobs: submitted.map((s) => s.jobId) }, 'Deadline Cloud jobs submitted');
  return { submitted };
});
