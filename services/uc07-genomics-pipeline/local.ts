import { join } from 'node:path';
import { type LocalServiceDescriptor, localServiceEnvironment } from '@fsxn/local-stack';
import { writeGenomicsSamples } from './samples';

/**
 * How `fsxn run` / `fsxn demo` run this service on the embedded local stack. Everything else (functions,
 * state machine, tables) comes from serverless.yml, exactly as deployed; Athena becomes DuckDB over the
 * same table rows, which locally live under the output prefix on the volume.
 */
const descriptor: LocalServiceDescriptor = {
  stateMachine: 'pipeline',
  params: { deploymentProfile: 'poc', triggerMode: 'POLLING' },
  accessPoints: { input: 'genomics-volume' },
  outputPrefix: 'fsxn-output/uc07-genomics-pipeline/',
  environment: (stack) => ({
    ...localServiceEnvironment(stack, { analytics: true }),
    // Table keys leave out the output prefix (the bucket's root in AWS); offline the rows sit under it.
    ANALYTICS_LOCAL_ROOT: join(stack.accessPoints.output.rootDir, stack.outputPrefix),
  }),
  input: () => ({ prefix: '' }),
  generateSamples: async (dir) => {
    const set = await writeGenomicsSamples(dir);
    return {
      files: set.files,
      bytes: set.bytes,
      kinds: { valid: set.valid.length, malformed: 1, truncated: 1, notVcf: 1 },
    };
  },
};

export default descriptor;
