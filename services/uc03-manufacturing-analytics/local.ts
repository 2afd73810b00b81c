import { type LocalServiceDescriptor, localServiceEnvironment } from '@fsxn/local-stack';
import { generateManufacturingSamples } from './samples/generate';

/**
 * How `fsxn run` / `fsxn demo` run this service on the embedded local stack. Everything else (functions,
 * state machine, tables) comes from serverless.yml, exactly as deployed; the anomaly SQL runs on DuckDB over
 * the Parquet parts the run wrote, instead of Athena.
 */
const descriptor: LocalServiceDescriptor = {
  stateMachine: 'pipeline',
  params: { deploymentProfile: 'poc', triggerMode: 'POLLING' },
  accessPoints: { input: 'manufacturing-volume' },
  outputPrefix: 'fsxn-output/uc03-manufacturing-analytics/',
  // No analytics bucket offline: the Parquet parts stay on the volume, where DuckDB reads them.
  environment: (stack) => localServiceEnvironment(stack, { analytics: true }),
  input: () => ({ prefix: '' }),
  generateSamples: async (dir) => {
    const written = await generateManufacturingSamples(dir);
    return { files: written.files, bytes: written.bytes, kinds: written.kinds };
  },
};

export default descriptor;
