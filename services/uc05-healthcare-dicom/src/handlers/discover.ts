import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createHandler, makeIdempotent } from '@fsxn/lambda-kit';
import { discover, executionNameOf, type ItemResult, manifestKey, type ObjectSummary, skipped } from '@fsxn/pipeline';
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

export interface DiscoveryResult {
  items: ObjectSummary[];
  skipped: ItemResult[];
  discovered: number;
  manifestKey: string;
}

/** One claim per file version: in HYBRID mode the polling and the event path share it, so a file is processed once. */
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

async function* singleObject(key: string): AsyncIterable<ObjectSummary> {
  for await (const obj of listObjects(s3, config.INPUT_ACCESS_POINT, { prefix: key, limit: 50 })) {
    if (obj.key === key) yield obj;
  }
}

export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const fileEventPath = event.input.detail?.path.replace(/^\/+/, '');
  const listing = fileEventPath
    ? singleObject(fileEventPath)
    : listObjects(s3, config.INPUT_ACCESS_POINT, { prefix: event.input.prefix ?? config.INPUT_PREFIX });

  const { items, ignored } = await discover(listing, {
    excludePrefixes: [config.OUTPUT_PREFIX],
    classify: (obj) => classifyObject(obj, (key, n) => getRange(s3, config.INPUT_ACCESS_POINT, key, 0, n - 1)),
  });

  const toProcess: ObjectSummary[] = [];
  const alreadyClaimed: ItemResult[] = [];
  for (const item of items) {
    if (!config.DEDUP_ENABLED) {
      toProcess.push(item);
      continue;
    }
    const { claimedBy } = await claim({ item, executionArn: event.executionArn }, ctx.lambda);
    if (claimedBy === event.executionArn) toProcess.push(item);
    else alreadyClaimed.push(skipped(item.key, `already processed by ${executionNameOf(claimedBy)} (HYBRID dedup)`));
  }

  const manifest = manifestKey('', executionNameOf(event.executionArn), new Date());
  const written = await writer.putJson(manifest, {
    executionArn: event.executionArn,
    timestamp: new Date().toISOString(),
    triggerMode: config.TRIGGER_MODE,
    totalObjects: toProcess.length,
    objects: toProcess,
    skipped: alreadyClaimed,
  });
  ctx.metrics.addMetric('FilesDiscovered', 'Count', toProcess.length + alreadyClaimed.length);
  ctx.log.info({ discovered: toProcess.length, ignored, deduplicated: alreadyClaimed.length }, 'discovery finished');
  const result: DiscoveryResult = {
    items: toProcess,
    skipped: alreadyClaimed,
    discovered: toProcess.length,
    manifestKey: written.key,
  };
  return result;
});
