import { join } from 'node:path';
import { deriveAlias, type LocalServiceDescriptor, type ServiceStack } from '@fsxn/local-stack';
import { withServiceStack } from '@fsxn/testing';
import { afterAll } from 'vitest';
import descriptor from '../../local';
import { writeSampleVolume } from '../../samples/volume';
import { type ForwardingProxy, startForwardingProxy } from './forwarding-proxy';

export const serviceDir = join(import.meta.dirname, '..', '..');
/** Name of the access point the tests put on a clone (the deployment's prefix is `fsxn-clone-`). */
export const CLONE_ACCESS_POINT = 'fsxn-clone-ap';
export const CLONE_ALIAS = deriveAlias(CLONE_ACCESS_POINT);

export interface CloneStack {
  readonly stack: ServiceStack;
  readonly dataDir: string;
  /** Counts the ONTAP requests the handlers send. */
  readonly ontapRequests: ForwardingProxy;
  /**
   * Points CLONE_ACCESS_POINT at the clone volume `cloneName` (before a run that processes files): the stack
   * resolves it per request, so it serves the clone once the run has created it, online and mounted.
   */
  serveCloneAs(cloneName: string): Promise<void>;
}

/**
 * The service's local stack with the ONTAP endpoint behind a counting proxy, so the tests can check the
 * run report's own ONTAP call count against the requests that really arrived.
 */
export const startCloneStack = async (): Promise<CloneStack> => {
  let ontapBase = '';
  const ontapRequests = await startForwardingProxy(() => ontapBase);
  afterAll(() => ontapRequests.stop());

  let dataDir = '';
  const overridden: LocalServiceDescriptor = {
    ...descriptor,
    environment: (info) => ({ ...descriptor.environment?.(info), ONTAP_ENDPOINT: ontapRequests.endpoint }),
  };
  const stack = await withServiceStack(serviceDir, {
    descriptor: overridden,
    retryDelayMs: 1,
    seed: async (dir) => {
      dataDir = dir;
      await writeSampleVolume(dir);
    },
  });
  ontapBase = stack.ontap?.baseUrl ?? '';
  return {
    stack,
    dataDir,
    ontapRequests,
    serveCloneAs: async (cloneName) => {
      await stack.detachAccessPoint(CLONE_ACCESS_POINT);
      await stack.attachAccessPoint(CLONE_ACCESS_POINT, { volume: cloneName });
    },
  };
};
