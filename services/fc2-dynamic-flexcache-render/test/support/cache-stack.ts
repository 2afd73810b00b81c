import { join } from 'node:path';
import { type ServiceStack, volumeAccessPointAlias } from '@fsxn/local-stack';
import { withServiceStack } from '@fsxn/testing';
import { LOCAL_CACHE_ACCESS_POINT } from '../../local';
import { cacheNameOf } from '../../src/domain/names';

export const serviceDir = join(import.meta.dirname, '..', '..');

export interface CacheStack {
  readonly stack: ServiceStack;
  readonly dataDir: string;
  /** The handlers' fixed CACHE_ACCESS_POINT_ALIAS (the descriptor's access point over a job cache). */
  readonly cacheAlias: string;
  /**
   * Re-attaches the cache access point to the cache volume of `jobId` before a run of that job: the stack
   * resolves it per request, so it serves the FlexCache once the run has created it, online and mounted.
   */
  serveJob(jobId: string): Promise<void>;
}

/** The service's local stack, seeded with the tests' render jobs. */
export const startCacheStack = async (seed: (dataDir: string) => Promise<void>): Promise<CacheStack> => {
  let dataDir = '';
  const stack = await withServiceStack(serviceDir, {
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
    cacheAlias: volumeAccessPointAlias(stack.info, LOCAL_CACHE_ACCESS_POINT),
    serveJob: async (jobId) => {
      await stack.detachAccessPoint(LOCAL_CACHE_ACCESS_POINT);
      await stack.attachAccessPoint(LOCAL_CACHE_ACCESS_POINT, { volume: cacheNameOf(jobId) });
    },
  };
};
