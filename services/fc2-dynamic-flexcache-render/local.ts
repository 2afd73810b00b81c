import { type LocalServiceDescriptor, volumeAccessPointAlias } from '@fsxn/local-stack';
import { writeRenderJob } from './samples/render-job';
import { accessPointNameOf, cacheNameOf } from './src/domain/names';

export const LOCAL_JOB_ID = 'demo_job_001';
/** The name the deployed service would give the job cache's access point (default prefix `fc2-cache-`). */
export const LOCAL_CACHE_ACCESS_POINT = accessPointNameOf('fc2-cache-', LOCAL_JOB_ID);

/**
 * How `fsxn run` / `fsxn demo` run this service on the embedded local stack: the ONTAP simulator serves the
 * data directory as volume `vol1`; the job caches it as FlexCache `fc2_<jobId>`, prepopulates the job's
 * textures, reads the job's files through the cache's access point and deletes the cache. There is no FSx
 * API locally, so the access point is declared here over the cache volume (`accessPoints.volumes`) and given
 * to the handlers as the fixed `CACHE_ACCESS_POINT_ALIAS`: the stack resolves it per request, so it serves
 * the FlexCache's own directory once the run has created it, online and mounted, and `NoSuchBucket` before
 * and after.
 */
const descriptor: LocalServiceDescriptor = {
  stateMachine: 'pipeline',
  params: { deploymentProfile: 'poc' },
  needsOntap: true,
  ontap: { svmName: 'svm1', volumeName: 'vol1', securityStyle: 'unix' },
  accessPoints: {
    input: 'fsxn-fc2-volume',
    volumes: [{ name: LOCAL_CACHE_ACCESS_POINT, volume: cacheNameOf(LOCAL_JOB_ID) }],
  },
  outputPrefix: 'fsxn-output/fc2-dynamic-flexcache-render/',
  environment: (stack) => ({
    OUTPUT_ACCESS_POINT: stack.accessPoints.output.alias,
    OUTPUT_PREFIX: stack.outputPrefix,
    S3_FORCE_PATH_STYLE: 'true',
    SVM_NAME: stack.ontap?.svmName ?? 'svm1',
    CACHE_ACCESS_POINT_MODE: 'fixed',
    CACHE_ACCESS_POINT_ALIAS: volumeAccessPointAlias(stack, LOCAL_CACHE_ACCESS_POINT),
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
