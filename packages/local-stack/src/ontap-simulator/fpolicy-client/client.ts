import { buildScreenRequestBody, type UserIdentity } from '@fsxn/fpolicy';
import type { FileChange } from './change-tracker';
import { type FpolicyClientConfig, validateClientConfig } from './config';
import { FpolicyClientError } from './errors';
import { ONTAP_OFFERED_VERSIONS } from './handshake';
import { buildNotification, type Notification, screenRequestInput } from './notification';
import { isMonitored, type NotifiedOperation, operationsForSettledFile } from './operations';
import { Outbox } from './outbox';
import { type LinkCounters, type LinkInfo, type LinkTiming, ServerLink } from './server-link';
import { configFromSimulator, type SimulatorPolicySource } from './simulator-config';
import { buildPathFilter, type IgnoreOptions } from './tree-scan';
import { startVolumeWatcher, type VolumeWatcher } from './volume-watcher';

export interface WatchOptions extends IgnoreOptions {
  /** Time between directory scans; default 100 ms. */
  readonly pollIntervalMs?: number;
  /** How long a new or changed file must stay the same size and mtime before it is reported; default 300 ms. */
  readonly settleMs?: number;
}

interface CommonOptions {
  /** Watch every volume directory and report what changes in it; default false (only `notify`). */
  readonly watch?: boolean;
  readonly watchOptions?: WatchOptions;
  /** Buffer while no server is connected: default 10 000 notifications, 10 minutes like ONTAP. */
  readonly buffer?: { readonly maxNotifications?: number; readonly maxAgeMs?: number };
  readonly timing?: Partial<LinkTiming>;
  /** `ClientIp` of the simulated NAS client; default 127.0.0.1. */
  readonly clientIp?: string;
  /** `UsrContext` of the simulated NAS client; omitted by default (ONTAP omits it for some NFS requests). */
  readonly user?: UserIdentity;
  /** Versions offered in NEGO_REQ; default ONTAP's `1.0 1.1 1.2 2.0`. */
  readonly offeredVersions?: readonly string[];
  /** A directory scan failed or a watched change could not be expressed as a SCREEN_REQ. */
  readonly onError?: (error: FpolicyClientError) => void;
}

/** Either the explicit ONTAP-side configuration or the policy to read from a running simulator. */
export type FpolicyClientOptions = CommonOptions &
  ({ readonly config: FpolicyClientConfig } | { readonly fromSimulator: SimulatorPolicySource });

export interface NotifyExtra {
  /** Rename: the new volume-relative path (required). */
  readonly newPath?: string;
  readonly fileSize?: number;
  readonly fileType?: 'FILE' | 'DIR';
  readonly clientIp?: string;
  /** When the operation happened; default now. */
  readonly time?: Date;
}

export interface FpolicyClientStats {
  /** Notifications accepted by `notify` or the watcher (after the event's operation filter). */
  readonly notified: number;
  /** SCREEN_REQ frames written; a replay counts again (and in `replayed`). */
  readonly sent: number;
  /** Waiting for a connection right now. */
  readonly buffered: number;
  /** Dropped because the buffer was full or they waited longer than its age limit. */
  readonly dropped: number;
  /** Sessions negotiated again after a connection was lost. */
  readonly reconnects: number;
  readonly sessionsReused: number;
  /** Notifications sent again after a drop, because the server may not have read them. */
  readonly replayed: number;
  readonly keepAlivesSent: number;
  readonly negotiationFailures: number;
  readonly connectFailures: number;
  readonly screenResponses: number;
  readonly responseTimeouts: number;
  /** Watched changes that could not be put in a SCREEN_REQ (e.g. a file name XML cannot carry). */
  readonly rejected: number;
  readonly connections: readonly LinkInfo[];
}

export interface FpolicyClient {
  readonly config: FpolicyClientConfig;
  /**
   * Queues one file operation as a SCREEN_REQ. Returns false when the policy's event does not monitor the
   * operation (nothing is sent, as on ONTAP). Throws `FpolicyClientError` for an unknown volume, a rename without
   * `newPath`, or a path that cannot be sent.
   */
  notify(operation: NotifiedOperation, volumeName: string, relativePath: string, extra?: NotifyExtra): boolean;
  /** Scans the watched volumes now (no-op without `watch`). */
  scanNow(): Promise<void>;
  stats(): FpolicyClientStats;
  /** Closes the connections and stops watching; buffered notifications are discarded. */
  stop(): Promise<void>;
}

const DEFAULT_TIMING: LinkTiming = {
  negotiationTimeoutMs: 2000,
  connectTimeoutMs: 5000,
  reconnectMinMs: 100,
  reconnectMaxMs: 5000,
  responseTimeoutMs: 20_000,
  replayWindowMs: 1000,
};

const nowMicros = (): number => Math.round((performance.timeOrigin + performance.now()) * 1000);

const asClientError = (error: unknown, message: string): FpolicyClientError =>
  error instanceof FpolicyClientError ? error : new FpolicyClientError(message, { cause: error });

/**
 * Starts the ONTAP side of FPolicy for one policy: connects to every primary server of its engine and sends a
 * SCREEN_REQ per file operation, from `notify` calls and (with `watch`) from changes seen in the volume
 * directories. While no server is connected notifications are buffered (bounded) and delivered in order later.
 */
export const startFpolicyClient = async (options: FpolicyClientOptions): Promise<FpolicyClient> => {
  const config = validateClientConfig(
    'config' in options ? options.config : configFromSimulator(options.fromSimulator),
  );
  const protocol = config.events.protocol;
  const volumes = new Map(config.volumes.map((v) => [v.name, v]));
  const outbox = new Outbox<Notification>({
    maxItems: options.buffer?.maxNotifications ?? 10_000,
    maxAgeMs: options.buffer?.maxAgeMs ?? 600_000,
  });
  const counters: LinkCounters = {
    sent: 0,
    replayed: 0,
    reconnects: 0,
    sessionsReused: 0,
    keepAlivesSent: 0,
    negotiationFailures: 0,
    responseTimeouts: 0,
    screenResponses: 0,
    connectFailures: 0,
  };
  let notified = 0;
  let rejected = 0;
  let stopped = false;
  const reportError = (error: FpolicyClientError): void => options.onError?.(error);

  const links: ServerLink[] = [];
  let nextLink = 0;
  let pumping = false;
  const pump = (): void => {
    if (pumping || stopped) return;
    pumping = true;
    try {
      while (outbox.size > 0) {
        const link = readyLink();
        if (link === undefined) break;
        const notification = outbox.shift(Date.now());
        if (notification === undefined) break;
        link.send(notification);
      }
    } finally {
      pumping = false;
    }
  };
  // ONTAP spreads notifications over the connected servers; round robin keeps each server's share in order.
  const readyLink = (): ServerLink | undefined => {
    for (let i = 0; i < links.length; i += 1) {
      const link = links[(nextLink + i) % links.length];
      if (link?.canSend === true) {
        nextLink = (nextLink + i + 1) % links.length;
        return link;
      }
    }
    return undefined;
  };

  const timing: LinkTiming = { ...DEFAULT_TIMING, ...stripUndefined(options.timing ?? {}) };
  for (const server of config.engine.primaryServers) {
    links.push(
      new ServerLink(
        {
          server,
          vsUuid: config.svm.uuid,
          policyName: config.policyName,
          offeredVersions: options.offeredVersions ?? ONTAP_OFFERED_VERSIONS,
          engineType: config.engine.type,
          protocol,
          keepAliveIntervalMs: config.engine.keepAliveIntervalMs,
          sessionTimeoutMs: config.engine.sessionTimeoutMs,
          maxConnectionRetries: config.engine.maxConnectionRetries,
          timing,
        },
        {
          counters,
          now: Date.now,
          onCapacity: () => queueMicrotask(pump),
          onRequeue: (items) => {
            outbox.requeueFront(items);
            queueMicrotask(pump);
          },
        },
      ),
    );
  }

  const notify = (
    operation: NotifiedOperation,
    volumeName: string,
    relativePath: string,
    extra: NotifyExtra = {},
  ): boolean => {
    if (stopped) throw new FpolicyClientError('the FPolicy client is stopped');
    const volume = volumes.get(volumeName);
    if (volume === undefined) throw new FpolicyClientError(`volume ${volumeName} is not in the policy scope`);
    if (!isMonitored(protocol, config.events.fileOperations, operation)) return false;
    const notification = buildNotification({
      operation,
      protocol,
      volumeName,
      volMsid: volume.msid,
      path: relativePath,
      ...(extra.newPath === undefined ? {} : { newPath: extra.newPath }),
      ...(extra.fileSize === undefined ? {} : { fileSize: extra.fileSize }),
      ...(extra.fileType === undefined ? {} : { fileType: extra.fileType }),
      clientIp: extra.clientIp ?? options.clientIp ?? '127.0.0.1',
      ...(options.user === undefined ? {} : { user: options.user }),
      generationTimeMicros: extra.time === undefined ? nowMicros() : extra.time.getTime() * 1000,
      nowMs: Date.now(),
    });
    try {
      // Refuse here what could never be put on the wire, rather than failing later inside a connection.
      buildScreenRequestBody(screenRequestInput(notification, protocol, 1));
    } catch (error) {
      throw asClientError(error, `cannot express ${operation} of ${relativePath.slice(0, 200)} as a SCREEN_REQ`);
    }
    outbox.push(notification);
    notified += 1;
    pump();
    return true;
  };

  const onChanges = (volumeName: string, changes: readonly FileChange[]): void => {
    for (const change of changes) {
      try {
        if (change.kind === 'renamed') {
          notify('rename', volumeName, change.path, { newPath: change.newPath, fileSize: change.size });
        } else if (change.kind === 'deleted') {
          notify('delete', volumeName, change.path, { fileSize: change.size });
        } else {
          for (const operation of operationsForSettledFile(change.kind, change.size)) {
            // A new file is reported empty at create time, like ONTAP's SMB_CREAT (FileSize 0).
            notify(operation, volumeName, change.path, { fileSize: operation === 'create' ? 0 : change.size });
          }
        }
      } catch (error) {
        rejected += 1;
        reportError(asClientError(error, `cannot report a change in volume ${volumeName}`));
      }
    }
  };

  const watchers: VolumeWatcher[] = [];
  if (options.watch === true) {
    const watch = options.watchOptions ?? {};
    const ignored = buildPathFilter(watch);
    for (const volume of config.volumes) {
      watchers.push(
        await startVolumeWatcher({
          dir: volume.dir,
          ignored,
          pollIntervalMs: watch.pollIntervalMs ?? 100,
          settleMs: watch.settleMs ?? 300,
          onChanges: (changes) => onChanges(volume.name, changes),
          onError: (error) => reportError(asClientError(error, `scanning volume ${volume.name} failed`)),
        }),
      );
    }
  }
  for (const link of links) link.start();

  return {
    config,
    notify,
    async scanNow() {
      await Promise.all(watchers.map((w) => w.scanNow()));
    },
    stats: () => ({
      notified,
      sent: counters.sent,
      buffered: outbox.size,
      dropped: outbox.dropped,
      reconnects: counters.reconnects,
      sessionsReused: counters.sessionsReused,
      replayed: counters.replayed,
      keepAlivesSent: counters.keepAlivesSent,
      negotiationFailures: counters.negotiationFailures,
      connectFailures: counters.connectFailures,
      screenResponses: counters.screenResponses,
      responseTimeouts: counters.responseTimeouts,
      rejected,
      connections: links.map((l) => l.info()),
    }),
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.all(watchers.map((w) => w.stop()));
      for (const link of links) link.stop();
      outbox.clear();
    },
  };
};

const stripUndefined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
