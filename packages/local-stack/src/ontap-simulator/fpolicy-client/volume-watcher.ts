import { stat } from 'node:fs/promises';
import { ChangeTracker, type FileChange } from './change-tracker';
import { FpolicyClientError } from './errors';
import type { PathFilter } from './tree-scan';
import { scanTree } from './tree-scan';

export interface VolumeWatcherOptions {
  readonly dir: string;
  readonly ignored: PathFilter;
  /** Time between scans. */
  readonly pollIntervalMs: number;
  /** How long a new or changed file must keep the same size and mtime before it is reported. */
  readonly settleMs: number;
  readonly onChanges: (changes: readonly FileChange[]) => void;
  /** A scan failed (volume directory removed, permissions); scanning goes on. */
  readonly onError: (error: unknown) => void;
  readonly now?: () => number;
}

export interface VolumeWatcher {
  /** Scans once now (waits for a scan already running) and reports what settled. */
  scanNow(): Promise<void>;
  /** True while a new or changed file has not settled. */
  readonly unsettled: boolean;
  stop(): Promise<void>;
}

/**
 * Polls the volume directory and diffs snapshots. Polling, not `fs.watch`: Node 20's recursive watcher on Linux
 * misses files written right after their directory is created (checked on 20.20), and a missed event would be a
 * missed notification, while a scan always converges on what is on disk.
 */
export const startVolumeWatcher = async (options: VolumeWatcherOptions): Promise<VolumeWatcher> => {
  const now = options.now ?? Date.now;
  const root = await stat(options.dir).catch(() => undefined);
  if (root?.isDirectory() !== true) throw new FpolicyClientError(`volume directory ${options.dir} does not exist`);
  const tracker = new ChangeTracker(await scanTree(options.dir, options.ignored), options.settleMs);
  let running: Promise<void> | undefined;
  let stopped = false;

  const scan = async (): Promise<void> => {
    try {
      const snapshot = await scanTree(options.dir, options.ignored);
      if (stopped) return;
      const changes = tracker.observe(snapshot, now());
      if (changes.length > 0) options.onChanges(changes);
    } catch (error) {
      if (!stopped) options.onError(error);
    }
  };
  const scanNow = (): Promise<void> => {
    running ??= scan().finally(() => {
      running = undefined;
    });
    return running;
  };

  let timer: NodeJS.Timeout | undefined;
  const loop = (): void => {
    timer = setTimeout(() => {
      void scanNow().then(() => {
        if (!stopped) loop();
      });
    }, options.pollIntervalMs);
  };
  loop();

  return {
    scanNow,
    get unsettled() {
      return tracker.unsettled;
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await running;
    },
  };
};
