import { OntapResponseError } from '../errors';
import { isJsonObject } from '../records';
import { type ListOptions, listRecords } from '../resource-helpers';
import type { OntapClient } from '../transport';

export interface ClusterVersion {
  /** E.g. `NetApp Release 9.16.1: …`. */
  readonly full: string;
  readonly generation: number;
  readonly major: number;
  readonly minor: number;
}

/** True when `version` is the given release or newer (`9.14.1` = generation 9, major 14, minor 1). */
export const isAtLeast = (
  version: Pick<ClusterVersion, 'generation' | 'major' | 'minor'>,
  release: Pick<ClusterVersion, 'generation' | 'major' | 'minor'>,
): boolean => {
  if (version.generation !== release.generation) return version.generation > release.generation;
  if (version.major !== release.major) return version.major > release.major;
  return version.minor >= release.minor;
};

/**
 * `GET /cluster?fields=version`. The catalog's `/cluster` entry carries no field list, so `version`
 * comes from clients observed against real clusters.
 */
export const getVersion = async (client: OntapClient, signal?: AbortSignal): Promise<ClusterVersion> => {
  const response = await client.request({
    method: 'GET',
    path: '/cluster',
    query: { fields: ['version'] },
    ...(signal === undefined ? {} : { signal }),
  });
  const version = isJsonObject(response.body) ? response.body.version : undefined;
  if (
    isJsonObject(version) &&
    typeof version.full === 'string' &&
    typeof version.generation === 'number' &&
    typeof version.major === 'number' &&
    typeof version.minor === 'number'
  ) {
    return { full: version.full, generation: version.generation, major: version.major, minor: version.minor };
  }
  throw new OntapResponseError('ONTAP GET /cluster returned no version', {
    method: 'GET',
    path: '/api/cluster',
    headers: {},
  });
};

/** `status.state` of a cluster peer [L netapp_ontap 9.17.1 `ClusterPeerStatus`]. */
export type PeerAvailability = 'available' | 'partial' | 'unavailable' | 'pending' | 'unidentified';

export interface ClusterPeer {
  readonly uuid: string;
  /** The remote cluster's name by default; may be empty for an anonymous offer not yet accepted. */
  readonly name?: string;
  readonly status?: { readonly state?: PeerAvailability; readonly update_time?: string };
  readonly remote?: {
    readonly name?: string;
    /** Intercluster addresses of the remote cluster. */
    readonly ip_addresses?: readonly string[];
    readonly serial_number?: string;
  };
  /** The peer cluster's ONTAP version (lowest across its nodes). */
  readonly version?: ClusterVersion;
}

/**
 * Fields of `/cluster/peers`. The catalog lists `uuid`, `name` and `version` but, having no filter
 * vocabulary for this endpoint, omits `status` and `remote`; both are documented GET properties
 * ([L] netapp_ontap 9.17.1 `cluster_peer.py`: `status.state`, `remote.ip_addresses`).
 */
export const PEER_FIELDS = ['uuid', 'name', 'status', 'remote', 'version'] as const;

/** Every cluster peer relationship with its availability (`status.state`) and remote addresses. */
export const listPeers = (client: OntapClient, options?: ListOptions): Promise<ClusterPeer[]> =>
  listRecords<ClusterPeer>(client, '/cluster/peers', PEER_FIELDS, ['uuid'], {}, options);
