import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createHandler, makeIdempotent } from '@fsxn/lambda-kit';
import { executionNameOf, type ObjectSummary, runDiscovery } from '@fsxn/pipeline';
import { getRange, listObjects } from '@fsxn/s3ap';
import { z } from 'zod';
import { discoverConfig, SERVICE_ID } from '../config';
import { classifyObject } from '../discovery-rules';
import { outputWriterOf, s3Of } from '../runtime';

const config = discoverConfig();
const s3 = s3Of(config);
const writer = outputWriterOf(config, s3);
const dynamodb = new DynamoDBClient({});

/** The execution input: a scheduled poll (`prefix`) or one FPolicy file event from EventBridge. */
const eventSchema = z.object({
  executionArn: z.string().min(1),
  input: z
    .object({
      prefix: z.string().optional(),
      detail: z.object({ path: z.string().min(1) }).optional(),
    })
    .default({}),
});

/** One claim per file version, shared by the polling and the event path (HYBRID): a file is processed once. */
const claim = makeIdempotent(
  async (event: { item: ObjectSummary; executionArn: string }) => ({ claimedBy: event.executionArn }),
  {
    tableName: config.IDEMPOTENCY_TABLE,
    client: dynamodb,
    scope: SERVICE_ID,
    keyOf: ({ item }) => `${item.key}#${item.etag ?? item.size}`,
    ttlSeconds: 7 * 24 * 3600,
  },
);

/** An FPolicy event names one file: list exactly that key (the listing gives its size and ETag). */
async function* singleObject(key: string): AsyncIterable<ObjectSummary> {
  for await (const obj of listObjects(s3, config.INPUT_ACCESS_POINT, { prefix: key, limit: 50 })) {
    if (obj.key === key) yield obj;
  }
}

export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const eventPath = event.input.detail?.path.replace(/^\/+/, '');
  const result = await runDiscovery({
    executionArn: event.executionArn,
    triggerMode: config.TRIGGER_MODE,
    listing: eventPath
      ? singleObject(eventPath)
      : listObjects(s3, config.INPUT_ACCESS_POINT, { prefix: event.input.prefix ?? config.INPUT_PREFIX }),
    excludePrefixes: [config.OUTPUT_PREFIX],
    classify: (obj) => classifyObject(obj, (key, n) => getRange(s3, config.INPUT_ACCESS_POINT, key, 0, n - 1)),
    claim: config.DEDUP_ENABLED
      ? async (item) => {
          const { claimedBy } = await claim({ item, executionArn: event.executionArn }, ctx.lambda);
          return claimedBy === event.executionArn
            ? { claimed: true }
            : { claimed: false, reason: `already processed by ${executionNameOf(claimedBy)} (HYBRID dedup)` };
        }
      : undefined,
    writeManifest: async (name, manifest) => (await writer.putJson(name, manifest)).key,
  });
  ctx.metrics.addMetric('FilesDiscovered', 'Count', result.discovered + result.skipped.length);
  ctx.log.info(
    { discovered: result.discovered, ignored: result.ignored, skipped: result.skipped.length },
    'discovery finished',
  );
  const { ignored: _ignored, ...mapInput } = result;
  return mapInput;
});
