import type { RouteEndpoint } from '../routing';
import type { EndpointConfig } from './endpoints';

/** `unknown` = could not be checked (e.g. the management API was down): it neither passes nor fails. */
export type CheckStatus = 'pass' | 'fail' | 'unknown';

export interface CheckResult {
  /** e.g. `volume.state`, `flexcache.origin`, `s3ap.read`. */
  readonly name: string;
  readonly status: CheckStatus;
  readonly detail: string;
  /** The named error behind a failure (e.g. `OntapJobFailed`, `S3ApNotFoundError`). */
  readonly error?: string;
}

export interface EndpointChecks {
  readonly id: string;
  readonly checks: readonly CheckResult[];
}

export interface EndpointProbe extends EndpointChecks {
  /** Time of the Range GET through the access point; null when it failed. */
  readonly latencyMs: number | null;
}

/** What the ONTAP step found: checks per endpoint, or why the management API could not be asked. */
export interface OntapHealth {
  readonly available: boolean;
  readonly error?: string;
  readonly endpoints: readonly EndpointChecks[];
}

export interface EndpointHealth {
  readonly id: string;
  readonly healthy: boolean;
  readonly latencyMs: number | null;
  readonly checks: readonly CheckResult[];
}

export const pass = (name: string, detail: string): CheckResult => ({ name, status: 'pass', detail });
export const fail = (name: string, detail: string, error?: string): CheckResult => ({
  name,
  status: 'fail',
  detail,
  ...(error === undefined ? {} : { error }),
});

/**
 * Combines the ONTAP checks and the access point probe of each endpoint into one verdict: healthy when
 * no check failed and the probe read through the access point. When the management API was unreachable
 * the ONTAP checks are `unknown` and the data path alone decides, so a management outage never moves reads.
 */
export const combineHealth = (
  endpoints: readonly EndpointConfig[],
  ontap: OntapHealth,
  probes: readonly EndpointProbe[],
): EndpointHealth[] =>
  endpoints.map((endpoint) => {
    const ontapChecks: CheckResult[] = ontap.available
      ? [...(ontap.endpoints.find((e) => e.id === endpoint.id)?.checks ?? [fail('ontap', 'not checked', 'Missing')])]
      : [{ name: 'ontap', status: 'unknown', detail: `management API unavailable: ${ontap.error ?? 'unknown'}` }];
    const probe = probes.find((p) => p.id === endpoint.id);
    const probeChecks = probe?.checks ?? [fail('s3ap', 'not probed', 'Missing')];
    const checks = [...ontapChecks, ...probeChecks];
    const probed = probeChecks.some((c) => c.name === 's3ap.read' && c.status === 'pass');
    return {
      id: endpoint.id,
      healthy: probed && checks.every((c) => c.status !== 'fail'),
      latencyMs: probe?.latencyMs ?? null,
      checks,
    };
  });

/** The routing view of an endpoint: its configuration plus the verdict of this run. */
export const toRouteEndpoint = (endpoint: EndpointConfig, health: EndpointHealth | undefined): RouteEndpoint => ({
  id: endpoint.id,
  accessPoint: endpoint.accessPoint,
  region: endpoint.region,
  weight: endpoint.weight,
  priority: endpoint.priority,
  healthy: health?.healthy ?? false,
  latencyMs: health?.latencyMs ?? null,
});

/** `endpoint: check (error): detail` lines of every failed check, the "why" of a route change. */
export const failedChecksOf = (health: EndpointHealth): string[] =>
  health.checks
    .filter((c) => c.status === 'fail')
    .map((c) => `${health.id}: ${c.name}${c.error === undefined ? '' : ` (${c.error})`}: ${c.detail}`);
