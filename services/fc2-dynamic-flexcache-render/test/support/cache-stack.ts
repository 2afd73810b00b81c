import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  deriveAlias,
  type LocalServiceDescriptor,
  type S3ApEmulator,
  type ServiceStack,
  startS3ApEmulator,
} from '@fsxn/local-stack';
import { withServiceStack } from '@fsxn/testing';
import { afterAll } from 'vitest';
import descriptor from '../../local';

export const serviceDir = join(import.meta.dirname, '..', '..');
/** The access point the tests put on the job's cache (rooted at the cache's own directory). */
export const CACHE_ACCESS_POINT = 'fc2-cache-ap';
export const CACHE_ALIAS = deriveAlias(CACHE_ACCESS_POINT);

export interface CacheStack {
  readonly stack: ServiceStack;
  readonly dataDir: string;
  /** Directories the cache access point was served from (one per cache the tests read through). */
  readonly servedFrom: string[];
  /** Delay before every request to the cache access point (the timeout test slows reads with it). */
  setReadLatency(ms: number): void;
}

/**
 * The service's local stack with one test-only addition: the local stack cannot attach an S3 access point
 * to a volume the simulator creates during the run, so a small HTTP router (CACHE_S3_ENDPOINT) starts an
 * S3AP emulator, on first use, over the directory of the FlexCache that exists in the simulator, and
 * forwards the cache alias's requests to it. The emulator's root is the cache directory itself (a link to
 * the origin in the simulator): the emulator resolves its root once, so everything below stays inside it.
 */
export const startCacheStack = async (seed: (dataDir: string) => Promise<void>): Promise<CacheStack> => {
  let stack: ServiceStack | undefined;
  let readLatencyMs = 0;
  const emulators = new Map<string, Promise<S3ApEmulator>>();
  const servedFrom: string[] = [];

  const emulatorForCurrentCache = (): Promise<S3ApEmulator> => {
    const caches = stack?.ontap?.state.flexcaches() ?? [];
    if (caches.length !== 1) throw new Error(`expected one FlexCache in the simulator, found ${caches.length}`);
    const volume = stack?.ontap?.state.volumes().find((v) => v.name === caches[0]?.name);
    if (volume === undefined) throw new Error('the FlexCache has no volume in the simulator');
    let emulator = emulators.get(volume.dir);
    if (emulator === undefined) {
      servedFrom.push(volume.dir);
      emulator = startS3ApEmulator({ accessPoints: [{ name: CACHE_ACCESS_POINT, rootDir: volume.dir }] });
      emulators.set(volume.dir, emulator);
    }
    return emulator;
  };

  const forward = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      if (readLatencyMs > 0) await new Promise((resolve) => setTimeout(resolve, readLatencyMs));
      const target = new URL((await emulatorForCurrentCache()).endpoint);
      const upstream = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  };
  const router = createServer((req, res) => void forward(req, res));
  await new Promise<void>((resolve) => router.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(router.address() as AddressInfo).port}`;
  afterAll(async () => {
    for (const emulator of emulators.values()) await (await emulator).stop();
    router.closeAllConnections();
    await new Promise((resolve) => router.close(resolve));
  });

  let dataDir = '';
  const overridden: LocalServiceDescriptor = {
    ...descriptor,
    environment: (info) => ({
      ...descriptor.environment?.(info),
      CACHE_ACCESS_POINT_ALIAS: CACHE_ALIAS,
      CACHE_S3_ENDPOINT: endpoint,
    }),
  };
  stack = await withServiceStack(serviceDir, {
    descriptor: overridden,
    retryDelayMs: 1,
    notifier: () => undefined,
    seed: async (dir) => {
      dataDir = dir;
      await seed(dir);
    },
  });
  return {
    stack,
    dataDir,
    servedFrom,
    setReadLatency: (ms) => {
      readLatencyMs = ms;
    },
  };
};
