import type { LocalServiceDescriptor } from '@fsxn/local-stack';
import { writeRenderJob } from './samples/render-job';

export const LOCAL_JOB_ID = 'demo_job_001';

/**
 * How `fsxn run` / `fsxn demo` run this service on the embedded local stack: the ONTAP simulator serves the
 * data directory as volume `vol1`; the job caches it as FlexCache `fc2_<jobId>`, prepopulates the
 * job's textures, reads the job's files, and deletes the cache. The stack cannot attach an S3 access point
 * to a volume created during the run, so `fsxn run` reads through `CACHE_ACCESS_POINT_ALIAS` = the volume's
 * own access point (the simulator's cache directory is a link to the origin: the same bytes); the tests
 * route that alias to an emulator rooted at the cache's own directory (see README, Local runs).
 */
const descriptor: LocalServiceDescriptor = {
  stateMachine: 'pipeline',
  params: { deploymentProfile: 'poc' },
  needsOntap: true,
  ontap: { svmName: 'svm1', volumeName: 'vol1', securityStyle: 'unix' },
  accessPoints: { input: 'fsxn-fc2-volume' },
  outputPrefix: 'fsxn-output/fc2-dynamic-flexcache-render/',
  environment: (stack) => ({
    OUTPUT_ACCESS_POINT: stack.accessPoints.output.alias,
    OUTPUT_PREFIX: stack.outputPrefix,
    S3_FORCE_PATH_STYLE: 'true',
    SVM_NAME: stack.ontap?.svmName ?? 'svm1',
    CACHE_ACCESS_POINT_MODE: 'fixed',
    CACHE_ACCESS_POINT_ALIAS: stack.accessPoints.input.alias,
    // The simulator finishes a job in ~50 ms: look often, and a 1 s Wait between checks.
    JOB_POLL_MS: '10',
    JOB_STEP_WAIT_MS: '2000',
    JOB_TIMEOUT_MS: '10000',
    CACHE_POLL_SECONDS: '1',
    CACHE_READY_SECONDS: '20',
    PROGRESS_EVERY_FILES: '4',
  }),
  input: () => ({
    jobId: LOCAL_JOB_ID,
    origin: { volume: 'vol1', svm: 'svm1' },
    prepopulate: { dirPaths: [`/jobs/${LOCAL_JOB_ID}/textures`] },
    files: { prefix: `jobs/${LOCAL_JOB_ID}/` },
    timeouts: { processingSeconds: 300 },
  }),
  generateSamples: async (dir) => {
    const job = await writeRenderJob(dir, LOCAL_JOB_ID);
    return {
      files: job.good.length + 3,
      bytes: job.bytes,
      kinds: { valid: job.good.length, corrupt: 1, truncated: 1, checksumList: 1 },
    };
  },
};

export default descriptor;
