import type { LocalServiceDescriptor, LocalStackInfo } from '@fsxn/local-stack';
import { writeOriginVolume } from './samples/volume';

/** Two FlexCaches of the origin `vol1`, each behind its own access point (both served over the origin's files). */
export const localEndpoints = (stack: LocalStackInfo) => [
  {
    id: 'cache-a',
    volume: 'vol1_cache_a',
    accessPoint: stack.accessPoints.input.alias,
    region: 'us-east-1',
    weight: 70,
    priority: 1,
    junctionPath: '/vol1_cache_a',
  },
  {
    id: 'cache-b',
    volume: 'vol1_cache_b',
    accessPoint: stack.accessPoints.output.alias,
    region: 'us-west-2',
    weight: 30,
    priority: 2,
    junctionPath: '/vol1_cache_b',
  },
];

/**
 * How `fsxn run` / `fsxn demo` run FC1 offline: the data directory is the origin volume `vol1` in the ONTAP
 * simulator; the first run creates the two FlexCaches through the simulator's REST API (ensureCaches), then
 * every run checks them over ONTAP and reads through their access points. The stack serves two access
 * points over the data directory (what a FlexCache shows is its origin's data), one per cache.
 */
const descriptor: LocalServiceDescriptor = {
  stateMachine: 'healthCheck',
  params: { deploymentProfile: 'poc', routeStrategy: 'failover-priority', ensureCaches: 'true' },
  needsOntap: true,
  ontap: { svmName: 'svm1', volumeName: 'vol1', securityStyle: 'unix' },
  accessPoints: { input: 'fsxn-fc1-cache-a', output: 'fsxn-fc1-cache-b' },
  outputPrefix: 'fsxn-output/fc1-flexcache-anycast-dr/',
  environment: (stack) => ({
    OUTPUT_ACCESS_POINT: stack.accessPoints.output.alias,
    OUTPUT_PREFIX: stack.outputPrefix,
    S3_FORCE_PATH_STYLE: 'true',
    SVM_NAME: stack.ontap?.svmName ?? 'svm1',
    ORIGIN_VOLUME: stack.ontap?.volumeName ?? 'vol1',
    ENDPOINTS: JSON.stringify(localEndpoints(stack)),
    // Empty: the probe reads the first object the access point lists, so any data directory works.
    PROBE_KEY: '',
    // The simulator finishes a job in ~50 ms.
    JOB_POLL_MS: '10',
  }),
  input: () => ({}),
  generateSamples: (dir) => writeOriginVolume(dir),
};

export default descriptor;
