import { type ServiceStack, type StartServiceStackOptions, startServiceStack } from '@fsxn/local-stack';
import { afterAll } from 'vitest';
import { makeTempDir } from './temp-dir';

export type WithServiceStackOptions = Omit<StartServiceStackOptions, 'serviceDir' | 'dataDir' | 'stateRootDir'> & {
  /** The volume directory; a temp dir (removed after the file) when omitted. */
  dataDir?: string;
  /** Writes input files into the volume before the stack starts. */
  seed?: (dataDir: string) => Promise<void>;
};

/**
 * Starts a service's local stack for a test file and stops it after the file (vitest `afterAll`).
 * The state file goes into a temp dir, so tests never touch the repository's `.fsxn/`.
 */
export const withServiceStack = async (
  serviceDir: string,
  options: WithServiceStackOptions = {},
): Promise<ServiceStack> => {
  const { dataDir: given, seed, ...rest } = options;
  const dataDir = given ?? (await makeTempDir('fsxn-volume-'));
  await seed?.(dataDir);
  const stack = await startServiceStack({
    ...rest,
    serviceDir,
    dataDir,
    stateRootDir: await makeTempDir('fsxn-state-'),
  });
  afterAll(() => stack.stop());
  return stack;
};
