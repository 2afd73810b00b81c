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
import { writeSampleVolume } from '../../samples/volume';
import { bucketOfRequest, type ForwardingProxy, startForwardingProxy } from './forwarding-proxy';

export const serviceDir = join(import.meta.dirname, '..', '..');
/** Name of the access point the tests put on a clone (the deployment's prefix is `fsxn-clone-`). */
export const CLONE_ACCESS_POINT = 'fsxn-clone-ap';
export const CLONE_ALIAS = deriveAlias(CLONE_ACCESS_POINT);

export interface CloneStack {
  readonly stack: ServiceStack;
  readonly dataDir: string;
  /** Counts the ONTAP requests the handlers send. */
  readonly ontapRequests: ForwardingProxy;
  /** The clone whose directory the clone access point serves (set before a run that processes files). */
  serveCloneAs(cloneName: string): void;
}

/**
 * The service's local stack with two test-only additions. The local stack cannot attach an S3 access
 * point to a volume the simulator creates during the run, so an S3 router sends requests for
 * CLONE_ALIAS to an emulator started, on first use, over the clone's directory (read from the simulator's
 * state); every other bucket goes to the stack's emulator. An ONTAP proxy counts requests.
 */
export const startCloneStack = async (): Promise<CloneStack> => {
  let stack: ServiceStack | undefined;
  let cloneName = '';
  const cloneEmulators = new Map<string, Promise<S3ApEmulator>>();
  const started = () => {
    if (stack === undefined) throw new Error('the stack has not started yet');
    return stack;
  };
  const cloneEmulator = (name: string) => {
    let emulator = cloneEmulators.get(name);
    if (emulator === undefined) {
      const volume = started()
        .ontap?.state.volumes()
        .find((v) => v.name === name);
      if (volume === undefined) throw new Error(`no clone named ${name} in the simulator`);
      emulator = startS3ApEmulator({ accessPoints: [{ name: CLONE_ACCESS_POINT, rootDir: volume.dir }] });
      cloneEmulators.set(name, emulator);
    }
    return emulator;
  };
  const s3 = await startForwardingProxy(async (req) =>
    bucketOfRequest(req) === CLONE_ALIAS ? (await cloneEmulator(cloneName)).endpoint : started().info.endpoints.s3,
  );
  const ontapRequests = await startForwardingProxy(async () => started().ontap?.baseUrl ?? '');
  afterAll(async () => {
    for (const emulator of cloneEmulators.values()) await (await emulator).stop();
    await s3.stop();
    await ontapRequests.stop();
  });

  let dataDir = '';
  const overridden: LocalServiceDescriptor = {
    ...descriptor,
    environment: (info) => ({
      ...descriptor.environment?.(info),
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      ONTAP_ENDPOINT: ontapRequests.endpoint,
    }),
  };
  stack = await withServiceStack(serviceDir, {
    descriptor: overridden,
    retryDelayMs: 1,
    seed: async (dir) => {
      dataDir = dir;
      await writeSampleVolume(dir);
    },
  });
  return {
    stack,
    dataDir,
    ontapRequests,
    serveCloneAs: (name) => {
      cloneName = name;
    },
  };
};
