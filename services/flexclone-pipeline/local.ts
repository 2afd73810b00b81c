import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LocalServiceDescriptor } from '@fsxn/local-stack';
import { writeSampleVolume } from './samples/volume';

/**
 * How `fsxn run` / `fsxn demo` run this service on the embedded local stack: the ONTAP simulator serves the
 * data directory as volume `vol1` (unix style); the run snapshots it, clones it to `vol1_clone`, waits until
 * the clone is online and shares it over SMB. Processing through the clone's S3 access point needs an access
 * point on the clone's directory, which the stack cannot attach at run time (see README, Local runs).
 */
const descriptor: LocalServiceDescriptor = {
  stateMachine: 'pipeline',
  params: { deploymentProfile: 'poc' },
  needsOntap: true,
  ontap: { svmName: 'svm1', volumeName: 'vol1', securityStyle: 'unix' },
  accessPoints: { input: 'fsxn-flexclone-output' },
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
  input: () => ({
    parentVolume: 'vol1',
    cloneName: 'vol1_clone',
    junctionPath: '/vol1_clone',
    securityStyle: 'unix',
    cifsShare: { name: 'vol1_clone', comment: 'FlexClone of vol1 (local run)' },
  }),
  generateSamples: async (dir) => {
    await mkdir(dir, { recursive: true });
    const summary = await writeSampleVolume(dir);
    await writeFile(join(dir, 'README.txt'), 'Sample volume for the FlexClone pipeline (cloned, never modified).\n');
    return { ...summary, files: summary.files + 1 };
  },
};

export default descriptor;
