import { type LocalServiceDescriptor, localServiceEnvironment } from '@fsxn/local-stack';
import { generateLayoutSamples } from './samples/layouts';

/**
 * How `fsxn run` / `fsxn demo` run this service on the embedded local stack. Everything else (functions,
 * state machine, tables) comes from serverless.yml, exactly as deployed. The layout SQL runs on DuckDB
 * over the rows the run writes under the output prefix (Athena reads them from the analytics bucket in AWS).
 */
const descriptor: LocalServiceDescriptor = {
  stateMachine: 'pipeline',
  params: { deploymentProfile: 'poc', triggerMode: 'POLLING' },
  accessPoints: { input: 'eda-volume' },
  outputPrefix: 'fsxn-output/uc06-semiconductor-eda/',
  // No analytics bucket offline: rows stay under the output prefix, where DuckDB reads them.
  environment: (stack) => localServiceEnvironment(stack, { analytics: true }),
  input: () => ({ prefix: '' }),
  generateSamples: async (dir) => {
    const samples = await generateLayoutSamples(dir);
    return {
      files: samples.files.length,
      bytes: samples.totalBytes,
      kinds: {
        valid: samples.valid.length,
        truncated: 2,
        notGds: 1,
        ignored: samples.files.length - samples.valid.length - Object.keys(samples.invalid).length,
      },
    };
  },
};

export default descriptor;
