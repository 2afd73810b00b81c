import { toStepError } from '@fsxn/ontap-automation';
import {
  flexcache,
  type OntapClient,
  OntapJobFailedError,
  OntapNotFoundError,
  volumes,
  type WaitForJobOptions,
} from '@fsxn/ontap-client';
import type { EndpointConfig } from '../domain/endpoints';
import { type CheckResult, type EndpointChecks, fail, pass } from '../domain/health';

export interface OntapHealthPlan {
  readonly svmName: string;
  readonly originVolume: string;
  readonly endpoints: readonly EndpointConfig[];
}

/** What EnsureCaches did before the health checks (nothing when `ensureCaches` is off). */
export interface EnsuredCaches {
  /** FlexCaches created by this run. */
  readonly created: readonly string[];
  /** The `flexcache.provision` check of each endpoint whose cache had to be created. */
  readonly provisions: ReadonlyArray<{ readonly id: string; readonly check: CheckResult }>;
  /** Why EnsureCaches itself failed (after its retries), as `Name: message`; the checks then decide. */
  readonly error?: string;
}

export interface OntapHealthResult {
  readonly origin: { readonly name: string; readonly state: string | null; readonly mounted: boolean };
  readonly created: readonly string[];
  readonly endpoints: readonly EndpointChecks[];
}

const volumeChecks = (name: string, volume: volumes.Volume | undefined): CheckResult[] => {
  if (volume === undefined) return [fail('volume.exists', `volume ${name} does not exist`, 'VolumeNotFound')];
  const mountedAt = volume.nas?.path;
  return [
    volume.state === 'online'
      ? pass('volume.state', 'online')
      : fail('volume.state', `volume ${name} is ${volume.state ?? 'in an unknown state'}`, 'VolumeNotOnline'),
    // An S3 access point serves a volume only while it has a junction path.
    mountedAt !== undefined && mountedAt !== ''
      ? pass('volume.mounted', `junction path ${mountedAt}`)
      : fail('volume.mounted', `volume ${name} has no junction path`, 'VolumeNotMounted'),
  ];
};

/** FlexCache relationship: the object exists, caches the configured origin, and every origin link is online. */
const flexcacheChecks = (
  name: string,
  cache: flexcache.FlexCache | undefined,
  plan: Pick<OntapHealthPlan, 'originVolume' | 'svmName'>,
): CheckResult[] => {
  if (cache === undefined) return [fail('flexcache.exists', `no FlexCache named ${name}`, 'FlexCacheNotFound')];
  const origins = cache.origins ?? [];
  const expected = origins.find((o) => o.volume?.name === plan.originVolume);
  if (expected === undefined) {
    const names = origins.map((o) => `${o.svm?.name ?? '?'}:${o.volume?.name ?? '?'}`).join(', ') || 'none';
    return [
      pass('flexcache.exists', cache.uuid),
      fail('flexcache.origin', `caches ${names}, not ${plan.originVolume}`, 'WrongOrigin'),
    ];
  }
  // A FlexCache has no top-level state: the relationship's health is origins[].state.
  const down = origins.filter((o) => o.state !== 'online');
  return [
    pass('flexcache.exists', cache.uuid),
    down.length === 0
      ? pass('flexcache.origin', `origin ${plan.originVolume} online`)
      : fail(
          'flexcache.origin',
          down.map((o) => `origin ${o.volume?.name ?? '?'} is ${o.state ?? 'unknown'}`).join('; '),
          'OriginDisconnected',
        ),
  ];
};

/** Creates a missing FlexCache; a failed ONTAP job becomes a failed check of that endpoint, not of the run. */
const ensureCache = async (
  client: OntapClient,
  plan: OntapHealthPlan,
  endpoint: EndpointConfig,
  wait: WaitForJobOptions,
): Promise<CheckResult> => {
  try {
    await flexcache.create(
      client,
      {
        svm: { name: plan.svmName },
        name: endpoint.volume,
        origins: [{ volumeName: plan.originVolume, svmName: plan.svmName }],
        path: endpoint.junctionPath ?? `/${endpoint.volume}`,
      },
      { wait },
    );
    return pass('flexcache.provision', `created FlexCache ${endpoint.volume} of ${plan.originVolume}`);
  } catch (error) {
    if (error instanceof OntapJobFailedError)
      return fail('flexcache.provision', `${error.jobMessage} (code ${error.code})`, 'OntapJobFailed');
    throw error;
  }
};

/**
 * Creates every listed FlexCache that does not exist yet, before the health checks and the probes run (an
 * access point over a cache serves only once the cache exists). A failed create job becomes that endpoint's
 * `flexcache.provision` check, not a failure of the run; a 5xx or network failure after the client's retries
 * throws OntapUnavailable (transient).
 */
export const ensureCaches = async (
  client: OntapClient,
  plan: OntapHealthPlan,
  wait: WaitForJobOptions,
): Promise<EnsuredCaches> => {
  try {
    const created: string[] = [];
    const provisions: Array<{ id: string; check: CheckResult }> = [];
    for (const endpoint of plan.endpoints.filter((e) => !e.isOrigin)) {
      if ((await findCache(client, plan.svmName, endpoint.volume)) !== undefined) continue;
      const check = await ensureCache(client, plan, endpoint, wait);
      provisions.push({ id: endpoint.id, check });
      if (check.status === 'pass') created.push(endpoint.volume);
    }
    return { created, provisions };
  } catch (error) {
    throw toStepError('EnsureCaches', error);
  }
};

/** The provision check of an endpoint: what EnsureCaches did for it, or why it could not look. */
const provisionCheck = (ensured: EnsuredCaches, endpoint: EndpointConfig): CheckResult | undefined => {
  const done = ensured.provisions.find((p) => p.id === endpoint.id)?.check;
  if (done !== undefined || ensured.error === undefined || endpoint.isOrigin) return done;
  return { name: 'flexcache.provision', status: 'unknown', detail: `could not ensure the FlexCache: ${ensured.error}` };
};

/**
 * The ONTAP side of the health run (all GETs with explicit `fields=`): origin volume state, and for each
 * endpoint its volume (exists, online, mounted) and, for caches, the FlexCache relationship, after the
 * provision check EnsureCaches left for it. A 5xx or network failure after the client's retries throws
 * OntapUnavailable (transient); everything ONTAP answered becomes a check.
 */
export const checkOntapHealth = async (
  client: OntapClient,
  plan: OntapHealthPlan,
  ensured: EnsuredCaches,
): Promise<OntapHealthResult> => {
  try {
    const origin = await volumes.findByName(client, plan.svmName, plan.originVolume);
    const results: EndpointChecks[] = [];
    for (const endpoint of plan.endpoints) {
      const volume = endpoint.isOrigin ? origin : await volumes.findByName(client, plan.svmName, endpoint.volume);
      const checks = [...volumeChecks(endpoint.volume, volume)];
      if (!endpoint.isOrigin) {
        checks.push(...flexcacheChecks(endpoint.volume, await findCache(client, plan.svmName, endpoint.volume), plan));
      }
      const provision = provisionCheck(ensured, endpoint);
      results.push({ id: endpoint.id, checks: provision === undefined ? checks : [provision, ...checks] });
    }
    return {
      origin: {
        name: plan.originVolume,
        state: origin?.state ?? null,
        mounted: origin?.nas?.path !== undefined && origin.nas.path !== '',
      },
      created: [...ensured.created],
      endpoints: results,
    };
  } catch (error) {
    throw toStepError('OntapHealth', error);
  }
};

const findCache = async (client: OntapClient, svmName: string, name: string) => {
  try {
    return await flexcache.findByName(client, svmName, name);
  } catch (error) {
    if (error instanceof OntapNotFoundError) return undefined;
    throw error;
  }
};
