import { type LocalServiceDescriptor, localServiceEnvironment, type OntapSimulatorState } from '@fsxn/local-stack';
import { fileSecurityByNamespacePath, generateLegalVolume } from './samples/legal-volume';

const OUTPUT_PREFIX = 'fsxn-output/uc01-legal-compliance/';
const SVM = 'svm1';
const VOLUME = 'vol1';

/**
 * How `fsxn run` / `fsxn demo` run this service on the embedded local stack: the ONTAP REST simulator serves
 * the data directory as volume `vol1` (NTFS, mounted at `/vol1`), Athena becomes DuckDB over the
 * `acl-data/` files (on the volume here, in the analytics bucket in AWS), Bedrock becomes the local template + extractive summary. Everything else comes from
 * serverless.yml, exactly as deployed.
 */
const descriptor: LocalServiceDescriptor = {
  stateMachine: 'pipeline',
  params: { deploymentProfile: 'poc', triggerMode: 'POLLING', svmName: SVM, volumeName: VOLUME },
  needsOntap: true,
  ontap: { svmName: SVM, volumeName: VOLUME, securityStyle: 'ntfs' },
  accessPoints: { input: 'legal-volume' },
  outputPrefix: OUTPUT_PREFIX,
  // No analytics bucket offline: the acl-data/ rows stay on the volume, where DuckDB reads them.
  environment: (stack) => localServiceEnvironment(stack, { analytics: true }),
  input: () => ({ prefix: '' }),
  generateSamples: async (dir) => {
    const volume = await generateLegalVolume(dir, { outputPrefix: OUTPUT_PREFIX });
    return {
      files: volume.files.length + 1,
      bytes: volume.bytes,
      kinds: { files: volume.files.length, earlierRunRecords: 1 },
      // `fsxn demo` hands these to the ONTAP simulator, so every finding kind is computed for real.
      ontapFileSecurity: fileSecurityByNamespacePath(`/${VOLUME}`),
    };
  },
};

/**
 * Gives the sample files their NTFS descriptors in a running simulator (each finding kind once), for tests
 * and the bench that start the stack themselves; `fsxn demo` passes `ontapFileSecurity` from the samples.
 */
export const seedSampleFileSecurity = (
  state: Pick<OntapSimulatorState, 'setFileSecurity'>,
  junctionPath = `/${VOLUME}`,
): void => {
  for (const [path, security] of Object.entries(fileSecurityByNamespacePath(junctionPath))) {
    state.setFileSecurity(SVM, path, security);
  }
};

export default descriptor;
