import { type LocalServiceDescriptor, localServiceEnvironment } from '@fsxn/local-stack';
import { generateRenderOutputs } from './samples/render-outputs';

/**
 * How `fsxn run` / `fsxn demo` run this service on the embedded local stack. Everything else (functions,
 * state machine, tables) comes from serverless.yml, exactly as deployed. Deadline Cloud stays off locally:
 * its params are empty, so the state machine skips the re-render step.
 */
const descriptor: LocalServiceDescriptor = {
  stateMachine: 'pipeline',
  params: { deploymentProfile: 'poc', triggerMode: 'POLLING', deadlineFarmId: '', deadlineQueueId: '' },
  accessPoints: { input: 'renders-volume' },
  outputPrefix: 'fsxn-output/uc04-media-vfx/',
  environment: (stack) => localServiceEnvironment(stack, { inference: false }),
  input: () => ({ prefix: '' }),
  generateSamples: async (dir) => {
    const generated = await generateRenderOutputs(dir);
    return { files: generated.files.length, bytes: generated.totalBytes, kinds: generated.kinds };
  },
};

export default descriptor;
