import { type LocalServiceDescriptor, localServiceEnvironment } from '@fsxn/local-stack';
import { generateUc08Samples } from './samples';

/**
 * How `fsxn run` / `fsxn demo` run this service on the embedded local stack. Everything else (functions,
 * state machine, tables) comes from serverless.yml, exactly as deployed. Locally the analytics step runs
 * the same SQL on DuckDB over the NDJSON rows the well-log step wrote under the output prefix.
 */
const descriptor: LocalServiceDescriptor = {
  stateMachine: 'pipeline',
  params: { deploymentProfile: 'poc', triggerMode: 'POLLING' },
  accessPoints: { input: 'seismic-volume' },
  outputPrefix: 'fsxn-output/uc08-energy-seismic/',
  // No analytics bucket offline: the table rows stay on the volume, where DuckDB reads them.
  environment: (stack) => localServiceEnvironment(stack, { analytics: true }),
  input: () => ({ prefix: '' }),
  generateSamples: async (dir) => {
    const generated = await generateUc08Samples(dir);
    return { files: generated.files, bytes: generated.bytes, kinds: generated.kinds };
  },
};

export default descriptor;
