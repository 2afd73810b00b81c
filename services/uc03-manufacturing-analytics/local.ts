import type { LocalServiceDescriptor } from '@fsxn/local-stack';
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
  environment: (stack) => ({
    INPUT_ACCESS_POINT: stack.accessPoints.input.alias,
    OUTPUT_ACCESS_POINT: stack.accessPoints.output.alias,
    OUTPUT_PREFIX: stack.outputPrefix,
    S3_FORCE_PATH_STYLE: 'true',
    INFERENCE_MODE: 'local',
    // No analytics bucket offline: the Parquet parts stay on the volume, where DuckDB reads them.
    ANALYTICS_BUCKET: '',
    ANALYTICS_ENGINE: 'duckdb',
    ANALYTICS_LOCAL_ROOT: stack.accessPoints.output.rootDir,
  }),
  input: () => ({ prefix: '' }),
  generateSamples: async (dir) => {
    const written = await generateManufacturingSamples(dir);
    return { files: written.files, bytes: written.bytes, kinds: written.kinds };
  },
};

export default descriptor;
