import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type LocalServiceDescriptor, volumeAccessPointAlias } from '@fsxn/local-stack';
import { writeSampleVolume } from './samples/volume';

/** The clone the local run creates and the access point that serves it once it is online and mounted. */
export const LOCAL_CLONE = 'vol1_clone';
export const LOCAL_CLONE_ACCESS_POINT = 'fsxn-clone-local';

/**
 * How `fsxn run` / `fsxn demo` run this service on the embedded local stack: the ONTAP simulator serves the
 * data directory as volume `vol1` (unix style); the run snapshots it, clones it to `vol1_clone`, waits until
 * the clone is online, reads every file's header through the clone's access point (attached to the clone
 * volume by name and resolved per request, so it serves the clone as soon as the run has created it) and
 * shares the clone over SMB.
 */
const descriptor: LocalServiceDescriptor = {
  stateMachine: 'pipeline',
  params: { deploymentProfile: 'poc' },
  needsOntap: true,
  ontap: { svmName: 'svm1', volumeName: 'vol1', securityStyle: 'unix' },
  accessPoints: {
    input: 'fsxn-flexclone-output',
    volumes: [{ name: LOCAL_CLONE_ACCESS_POINT, volume: LOCAL_CLONE }],
  },
  outputPrefix: 'fsxn-output/flexclone-pipeline/',
  environment: (stack) => ({
    OUTPUT_ACCESS_POINT: stack.accessPoints.output.alias,
    OUTPUT_PREFIX: stack.outputPrefix,
    S3_FORCE_PATH_STYLE: 'true',
    SVM_NAME: stack.ontap?.svmName ?? 'svm1',
    // The simulator finishes a job in ~50 ms: look often, and a 1 s Wait between clone checks.
    JOB_POLL_MS: '10',
    ONLINE_POLL_SECONDS: '1',
    MAX_ONLINE_CHECKS: '10',
  }),
  input: (stack) => ({
    parentVolume: 'vol1',
    cloneName: LOCAL_CLONE,
    junctionPath: `/${LOCAL_CLONE}`,
    securityStyle: 'unix',
    processFiles: { mode: 'metadata', accessPoint: { alias: volumeAccessPointAlias(stack, LOCAL_CLONE_ACCESS_POINT) } },
    cifsShare: { name: LOCAL_CLONE, comment: 'FlexClone of vol1 (local run)' },
  }),
  generateSamples: async (dir) => {
    await mkdir(dir, { recursive: true });
    const summary = await writeSampleVolume(dir);
    await writeFile(join(dir, 'README.txt'), 'Sample volume for the FlexClone pipeline (cloned, never modified).\n');
    return { ...summary, files: summary.files + 1 };
  },
};

export default descriptor;
