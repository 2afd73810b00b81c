// Container entry point (ECS Fargate or EC2): the FPolicy server, its health endpoint, SIGTERM → graceful stop.
import { SQSClient } from '@aws-sdk/client-sqs';
import { createLogger } from '@fsxn/lambda-kit';
import { SERVICE_ID, serverConfig } from './config';
import { IngestionConfigError } from './errors';
import { ontapClientOf } from './ontap-access';
import { startHealthServer } from './server/health';
import { startFpolicyServer } from './server/server';
import { ontapVolumeResolver, staticVolumeResolver } from './server/volume-resolver';
import { jsonlSink } from './sinks/jsonl';
import type { EventSink } from './sinks/sink';
import { sqsSink } from './sinks/sqs';

const config = serverConfig();
const log = createLogger({ service: SERVICE_ID });

const sinkOf = async (): Promise<EventSink> => {
  if (config.SINK === 'jsonl') {
    if (config.JSONL_FILE === undefined) throw new IngestionConfigError('SINK=jsonl needs JSONL_FILE');
    return jsonlSink(config.JSONL_FILE);
  }
  if (config.QUEUE_URL === undefined) throw new IngestionConfigError('SINK=sqs needs QUEUE_URL');
  return sqsSink({ client: new SQSClient({}), queueUrl: config.QUEUE_URL });
};

const resolverOf = () => {
  if (!config.RESOLVE_VOLUMES || config.ONTAP_ENDPOINT === undefined || config.ONTAP_SECRET_ARN === undefined) {
    return staticVolumeResolver();
  }
  return ontapVolumeResolver({
    client: ontapClientOf({
      ONTAP_ENDPOINT: config.ONTAP_ENDPOINT,
      ONTAP_SECRET_ARN: config.ONTAP_SECRET_ARN,
      ONTAP_CA_PEM: config.ONTAP_CA_PEM,
    }),
    onError: (msid, error) =>
      log.warn({ msid, error: error instanceof Error ? error.message : String(error) }, 'volume lookup failed'),
  });
};

const server = await startFpolicyServer({
  port: config.FPOLICY_PORT,
  host: config.LISTEN_HOST,
  sink: await sinkOf(),
  resolveVolume: resolverOf(),
  svmName: config.SVM_NAME,
  engine: config.ENGINE_TYPE,
  ...(config.SCREEN_VERDICT === undefined ? {} : { screenVerdict: config.SCREEN_VERDICT }),
  maxQueuedEvents: config.MAX_QUEUED_EVENTS,
  batchSize: config.BATCH_SIZE,
  keepAliveTimeoutMs: config.KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
  dedupWindowSize: config.DEDUP_WINDOW_SIZE,
  dedupTtlMs: config.DEDUP_TTL_SECONDS * 1000,
  log,
});
let stopping = false;
const health = await startHealthServer({
  port: config.HEALTH_PORT,
  host: config.LISTEN_HOST,
  // Unhealthy while stopping or when the sink has kept everything pending for a full queue's worth of retries.
  check: () => {
    const stats = server.stats();
    return { healthy: !stopping && !(stats.pausedForBackpressure && stats.queue.sinkRetries > 100), report: stats };
  },
});

const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping: ending connections and flushing events');
  // ECS waits stopTimeout (120 s in the task definition) before SIGKILL.
  const result = await server.stop({ flushTimeoutMs: 100_000 });
  await health.stop();
  log.info({ ...result }, 'stopped');
  process.exit(result.flushed ? 0 : 1);
};
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
