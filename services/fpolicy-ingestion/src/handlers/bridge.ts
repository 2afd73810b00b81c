import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { createHandler } from '@fsxn/lambda-kit';
import { z } from 'zod';
import { bridgeRecords } from '../bridge';
import { bridgeConfig, SERVICE_ID } from '../config';

const config = bridgeConfig();
const eventBridge = new EventBridgeClient({});

/** The SQS event envelope; the bodies themselves are validated one by one (a bad one fails only itself). */
const sqsEvent = z.object({
  Records: z.array(z.object({ messageId: z.string().min(1), body: z.string() }).loose()),
});

export const handler = createHandler({ service: SERVICE_ID, schema: sqsEvent }, async (event, ctx) => {
  const result = await bridgeRecords(event.Records, {
    client: eventBridge,
    eventBusName: config.EVENT_BUS_NAME,
    onInvalid: (messageId, reason) => ctx.log.warn({ messageId, reason }, 'not a file event; reported as failed'),
    onFailed: (messageId, reason) => ctx.log.warn({ messageId, reason }, 'PutEvents refused the entry'),
  });
  ctx.metrics.addMetric('EventsPublished', 'Count', result.published);
  ctx.metrics.addMetric('EventsFailed', 'Count', result.failed + result.invalid);
  return { batchItemFailures: result.batchItemFailures };
});
