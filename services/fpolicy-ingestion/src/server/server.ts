import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { DEFAULT_MAX_FRAME_BYTES } from '@fsxn/fpolicy';
import { IngestionConfigError } from '../errors';
import type { EventSink } from '../sinks/sink';
import { type EngineType, FpolicyConnection } from './connection';
import { DedupWindow, SessionSequences } from './dedup-window';
import { EventQueue, type QueueStats } from './event-queue';
import { type ServerLog, silentLog } from './log';
import { newCounters, type ServerCounters } from './stats';
import { staticVolumeResolver, type VolumeResolver } from './volume-resolver';

export interface FpolicyServerOptions {
  /** TCP port ONTAP connects to (the engine's `port`); 0 picks a free one. */
  readonly port: number;
  /** Default 127.0.0.1; a container listens on 0.0.0.0. */
  readonly host?: string;
  readonly sink: EventSink;
  /** VolMsid → volume name; default: `msid-<n>` for every volume (no ONTAP at hand). */
  readonly resolveVolume?: VolumeResolver;
  /** NEGO_REQ carries only the SVM UUID: the name events get (default: the UUID itself). */
  readonly svmName?: string | ((vsUuid: string) => string);
  /** `asynchronous` (default) sends nothing back; `synchronous` answers each SCREEN_REQ. */
  readonly engine?: EngineType;
  /** NotfResp for synchronous engines; required with `engine: 'synchronous'` (its meaning is unverified). */
  readonly screenVerdict?: number;
  readonly maxQueuedEvents?: number;
  readonly batchSize?: number;
  readonly batchDelayMs?: number;
  readonly sinkConcurrency?: number;
  readonly sinkRetry?: { readonly baseMs: number; readonly capMs: number };
  /** Close a connection that sent nothing for this long (ONTAP's keep_alive_interval is PT2M by default). */
  readonly keepAliveTimeoutMs?: number;
  /** Close a connection that has not sent NEGO_REQ within this time. */
  readonly handshakeTimeoutMs?: number;
  /** Dedup window: SessionId + ReqId pairs remembered, and for how long. */
  readonly dedupWindowSize?: number;
  readonly dedupTtlMs?: number;
  readonly maxFrameBytes?: number;
  readonly maxConnections?: number;
  readonly log?: ServerLog;
  readonly newEventId?: () => string;
  readonly now?: () => number;
}

export interface ServerStats extends ServerCounters {
  readonly connectionsOpen: number;
  readonly pausedForBackpressure: boolean;
  readonly dedupEntries: number;
  readonly queue: QueueStats;
}

export interface StopResult {
  /** True when every accepted event reached the sink (or was refused by it) before the timeout. */
  readonly flushed: boolean;
  readonly undelivered: number;
}

export interface FpolicyServer {
  readonly host: string;
  readonly port: number;
  stats(): ServerStats;
  /** Resolves when every event accepted so far is written to the sink. */
  drain(): Promise<void>;
  /** Stops accepting, ends the connections, flushes the queue (bounded by `flushTimeoutMs`), closes the sink. */
  stop(options?: { readonly flushTimeoutMs?: number }): Promise<StopResult>;
}

export const SERVER_DEFAULTS = {
  maxQueuedEvents: 10_000,
  batchSize: 100,
  batchDelayMs: 20,
  sinkConcurrency: 4,
  sinkRetry: { baseMs: 100, capMs: 5_000 },
  keepAliveTimeoutMs: 3 * 120_000,
  handshakeTimeoutMs: 30_000,
  dedupWindowSize: 1_000_000,
  // ONTAP buffers async notifications on the node for up to 10 minutes; resends arrive within that span.
  dedupTtlMs: 15 * 60_000,
  maxConnections: 256,
} as const;

const positiveInt = (name: string, value: number): number => {
  if (!Number.isSafeInteger(value) || value < 1) throw new IngestionConfigError(`${name} must be a positive integer`);
  return value;
};

/**
 * The FPolicy external server: ONTAP nodes connect to it, negotiate, and send a SCREEN_REQ per file
 * operation; each accepted notification becomes a `FileEvent` (volume, volume-relative path, operation, client,
 * time, session, sequence) written to the sink in batches. See README "Server" for the guarantees.
 */
export const startFpolicyServer = async (options: FpolicyServerOptions): Promise<FpolicyServer> => {
  const engine = options.engine ?? 'asynchronous';
  if (engine === 'synchronous' && options.screenVerdict === undefined) {
    throw new IngestionConfigError('a synchronous engine needs screenVerdict (the NotfResp value ONTAP expects)');
  }
  const now = options.now ?? Date.now;
  const log = options.log ?? silentLog;
  const counters = newCounters();
  const connections = new Set<FpolicyConnection>();
  let pressure = false;
  const maxQueuedEvents = positiveInt('maxQueuedEvents', options.maxQueuedEvents ?? SERVER_DEFAULTS.maxQueuedEvents);
  const queue = new EventQueue({
    sink: options.sink,
    maxQueuedEvents,
    batchSize: positiveInt('batchSize', options.batchSize ?? SERVER_DEFAULTS.batchSize),
    batchDelayMs: options.batchDelayMs ?? SERVER_DEFAULTS.batchDelayMs,
    concurrency: positiveInt('sinkConcurrency', options.sinkConcurrency ?? SERVER_DEFAULTS.sinkConcurrency),
    retry: options.sinkRetry ?? SERVER_DEFAULTS.sinkRetry,
    log,
    onPressure: (full) => {
      pressure = full;
      if (full) log.warn({ depth: queue.depth }, 'event queue full: pausing FPolicy sockets');
      for (const connection of connections) {
        if (full) connection.pause('queue');
        else connection.resume('queue');
      }
    },
  });
  const dedupTtlMs = options.dedupTtlMs ?? SERVER_DEFAULTS.dedupTtlMs;
  const dedup = new DedupWindow({
    maxEntries: positiveInt('dedupWindowSize', options.dedupWindowSize ?? SERVER_DEFAULTS.dedupWindowSize),
    ttlMs: dedupTtlMs,
    now,
  });
  const sequences = new SessionSequences({ idleMs: dedupTtlMs, maxSessions: 10_000, now });
  const svmName = options.svmName;
  const deps = {
    frameLimits: { maxFrameBytes: options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES },
    log,
    counters,
    dedup,
    sequences,
    queue,
    resolveVolume: options.resolveVolume ?? staticVolumeResolver(),
    svmNameOf: (vsUuid: string) => (typeof svmName === 'function' ? svmName(vsUuid) : (svmName ?? vsUuid)),
    engine,
    screenVerdict: options.screenVerdict ?? 0,
    maxPendingLookups: 1_000,
    now,
    ...(options.newEventId === undefined ? {} : { newEventId: options.newEventId }),
  };
  const keepAliveTimeoutMs = options.keepAliveTimeoutMs ?? SERVER_DEFAULTS.keepAliveTimeoutMs;
  const handshakeTimeoutMs = options.handshakeTimeoutMs ?? SERVER_DEFAULTS.handshakeTimeoutMs;
  const maxConnections = positiveInt('maxConnections', options.maxConnections ?? SERVER_DEFAULTS.maxConnections);

  const server: Server = createServer({ noDelay: true }, (socket: Socket) => {
    if (connections.size >= maxConnections) {
      log.warn({ remote: socket.remoteAddress }, 'connection limit reached: refusing');
      socket.destroy();
      return;
    }
    counters.connectionsTotal += 1;
    const connection = new FpolicyConnection(socket, deps);
    connections.add(connection);
    if (pressure) connection.pause('queue');
    socket.on('close', () => connections.delete(connection));
    log.info({ remote: connection.remote }, 'FPolicy connection opened');
  });
  server.on('error', (error) => log.error({ error: error.message }, 'FPolicy server error'));

  // Keep-alive and handshake timeouts. A socket paused for back-pressure is not idle: ONTAP is waiting on us.
  const sweep = setInterval(
    () => {
      const t = now();
      for (const connection of connections) {
        if (connection.paused) continue;
        const limit = connection.negotiated ? keepAliveTimeoutMs : handshakeTimeoutMs;
        if (t - connection.lastSeen > limit) {
          counters.connectionsTimedOut += 1;
          connection.close(connection.negotiated ? 'keep-alive timeout' : 'handshake timeout', false);
        }
      }
    },
    Math.max(10, Math.min(1_000, Math.floor(Math.min(keepAliveTimeoutMs, handshakeTimeoutMs) / 2))),
  );
  sweep.unref();

  server.listen(options.port, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new IngestionConfigError('server has no TCP address');
  log.info({ host: address.address, port: address.port, engine }, 'FPolicy server listening');

  const settleConnections = () => Promise.all([...connections].map((c) => c.settled()));

  return {
    host: address.address,
    port: address.port,
    stats: () => ({
      ...counters,
      connectionsOpen: connections.size,
      pausedForBackpressure: pressure,
      dedupEntries: dedup.size,
      queue: queue.stats(),
    }),
    drain: async () => {
      await settleConnections();
      await queue.drain();
    },
    stop: async ({ flushTimeoutMs = 30_000 } = {}) => {
      clearInterval(sweep);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const connection of connections) connection.end();
      await settleConnections();
      let timer: NodeJS.Timeout | undefined;
      const flushed = await Promise.race([
        queue.drain().then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), flushTimeoutMs);
        }),
      ]);
      clearTimeout(timer);
      for (const connection of connections) connection.socket.destroy();
      await closed;
      await options.sink.close?.();
      const undelivered = queue.depth;
      log.info({ flushed, undelivered, ...queue.stats() }, 'FPolicy server stopped');
      return { flushed, undelivered };
    },
  };
};
