import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type DiscoveryDecision,
  type DiscoveryResult,
  executionNameOf,
  type ObjectSummary,
  runDiscovery,
} from '@fsxn/pipeline';
import { getRange, listObjects } from '@fsxn/s3ap';
import { z } from 'zod';
import { type EnvSource, loadConfig } from './config';
import { createHandler, type LambdaHandler } from './handler';
import { makeIdempotent } from './idempotency';
import { outputWriterOf, s3Of } from './service-clients';
import { discoverEnv, serviceEnv } from './service-env';

/** Reads the first `bytes` bytes of an input object (a Range read), for magic-number checks. */
export type ReadHead = (key: string, bytes: number) => Promise<Uint8Array>;

export interface DiscoverHandlerOptions<TItem> {
  /** The service id: logs, metrics and the idempotency scope of HYBRID claims. */
  readonly service: string;
  /** Which listed objects are in scope; every object when omitted. */
  readonly classify?: (obj: ObjectSummary, readHead: ReadHead) => DiscoveryDecision | Promise<DiscoveryDecision>;
  /** The Map's entry for one discovered object (e.g. with a `kind` the Map routes on); the object when omitted. */
  readonly toMapItem?: (item: ObjectSummary) => TItem;
  /** The environment to read the config from; `process.env` when omitted. */
  readonly env?: EnvSource;
}

export type DiscoverOutput<TItem> = Omit<DiscoveryResult, 'items'> & { items: TItem[] };

/** How long a HYBRID claim blocks the other trigger path from processing the same file version. */
const CLAIM_TTL_SECONDS = 7 * 24 * 3600;

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

/**
 * The Discover step every per-file service shares, built at module scope (config and clients once per cold
 * start). Lists the input access point under the poll's prefix, or exactly the file an FPolicy event names;
 * skips the run's own outputs; classifies; in HYBRID mode (`DEDUP_ENABLED`) claims each file version once
 * across both trigger paths; writes the manifest and returns the Map input.
 */
export const createDiscoverHandler = <TItem = ObjectSummary>(
  options: DiscoverHandlerOptions<TItem>,
): LambdaHandler<unknown, DiscoverOutput<TItem>> => {
  const config = loadConfig(z.object({ ...serviceEnv, ...discoverEnv }), options.env);
  const s3 = s3Of(config);
  const writer = outputWriterOf(config, s3);
  const readHead: ReadHead = (key, bytes) => getRange(s3, config.INPUT_ACCESS_POINT, key, 0, bytes - 1);
  const classify = options.classify;

  /** One claim per file version, shared by the polling and the event path (HYBRID): a file is processed once. */
  const claim = makeIdempotent(
    async (event: { item: ObjectSummary; executionArn: string }) => ({ claimedBy: event.executionArn }),
    {
      tableName: config.IDEMPOTENCY_TABLE,
      client: new DynamoDBClient({}),
      scope: options.service,
      keyOf: ({ item }) => `${item.key}#${item.etag ?? item.size}`,
      ttlSeconds: CLAIM_TTL_SECONDS,
    },
  );

  /** An FPolicy event names one file: list exactly that key (the listing gives its size and ETag). */
  async function* singleObject(key: string): AsyncIterable<ObjectSummary> {
    for await (const obj of listObjects(s3, config.INPUT_ACCESS_POINT, { prefix: key, limit: 50 })) {
      if (obj.key === key) yield obj;
    }
  }

  return createHandler({ service: options.service, schema: eventSchema }, async (event, ctx) => {
    const eventPath = event.input.detail?.path.replace(/^\/+/, '');
    const result = await runDiscovery({
      executionArn: event.executionArn,
      triggerMode: config.TRIGGER_MODE,
      listing: eventPath
        ? singleObject(eventPath)
        : listObjects(s3, config.INPUT_ACCESS_POINT, { prefix: event.input.prefix ?? config.INPUT_PREFIX }),
      excludePrefixes: [config.OUTPUT_PREFIX],
      classify: async (obj) => (classify ? classify(obj, readHead) : { include: true }),
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
    const { ignored: _ignored, items, ...rest } = result;
    const toMapItem = options.toMapItem;
    // Without toMapItem, TItem is its default, ObjectSummary.
    return { ...rest, items: toMapItem ? items.map(toMapItem) : (items as TItem[]) };
  });
};
