import { type LocalServiceDescriptor, type LocalStackInfo, volumeAccessPointAlias } from '@fsxn/local-stack';
import { writeOriginVolume } from './samples/volume';

/** The two FlexCaches of the origin `vol1` and the access point over each (names start with `fsxn-fc1-`). */
export const LOCAL_CACHES = [
  { id: 'cache-a', volume: 'vol1_cache_a', accessPointName: 'fsxn-fc1-cache-a', region: 'us-east-1', weight: 70 },
  { id: 'cache-b', volume: 'vol1_cache_b', accessPointName: 'fsxn-fc1-cache-b', region: 'us-west-2', weight: 30 },
] as const;

/** The ENDPOINTS list of a local run: each cache read through the access point over its own volume. */
export const localEndpoints = (stack: LocalStackInfo) =>
  LOCAL_CACHES.map((cache, index) => ({
    id: cache.id,
    volume: cache.volume,
    accessPoint: volumeAccessPointAlias(stack, cache.accessPointName),
    region: cache.region,
    weight: cache.weight,
    priority: index + 1,
    junctionPath: `/${cache.volume}`,
  }));

/**
 * How `fsxn run` / `fsxn demo` run FC1 offline: the data directory is the origin volume `vol1` in the ONTAP
 * simulator, served by the origin's access point (reports go there). Each FlexCache has an access point over
 * its own volume (`accessPoints.volumes`), resolved per request: it serves the cache's directory (a link to
 * the origin) while the cache exists, is online and mounted, and answers `NoSuchBucket` otherwise, so an
 * offline cache fails its probe as in AWS. The first run creates the caches (EnsureCaches, before the probes).
 */
const descriptor: LocalServiceDescriptor = {
  stateMachine: 'healthCheck',
  params: { deploymentProfile: 'poc', routeStrategy: 'failover-priority', ensureCaches: 'true' },
  needsOntap: true,
  ontap: { svmName: 'svm1', volumeName: 'vol1', securityStyle: 'unix' },
  accessPoints: {
    input: 'fsxn-fc1-origin-ap',
    volumes: LOCAL_CACHES.map((cache) => ({ name: cache.accessPointName, volume: cache.volume })),
  },
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
