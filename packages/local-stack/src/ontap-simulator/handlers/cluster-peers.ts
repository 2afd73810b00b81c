import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CollectionSpec } from '../collection';
import { notFoundError, OntapSimulatorError } from '../errors';
import { listReply, singleReply } from '../handler-kit';
import type { JsonObject } from '../json';
import type { Route } from '../router';
import { vocabularies } from '../vocabulary';
import type { ClusterVersion } from './basics';

/** `status.state` values [L netapp_ontap 9.17.1 `ClusterPeerStatus`]. */
export const PEER_STATES = ['available', 'partial', 'unavailable', 'pending', 'unidentified'] as const;
export type PeerState = (typeof PEER_STATES)[number];

export interface ClusterPeerOption {
  /** Name of the relationship (by default the remote cluster's name). */
  readonly name: string;
  /** Default: derived from the name, so it stays the same across reads. */
  readonly uuid?: string;
  /** Default `available`. */
  readonly state?: PeerState;
  readonly remoteName?: string;
  readonly remoteIpAddresses?: readonly string[];
  readonly serialNumber?: string;
  readonly version?: ClusterVersion;
  /** ISO-8601; default the time of the read. */
  readonly updateTime?: string;
}

/**
 * The simulated peers are read from `<stateDir>/cluster-peers.json` (an array of ClusterPeerOption) on
 * every request, so a test can add a peer or change its availability while the simulator runs. No file
 * means no peers, which is what a cluster without peering answers.
 */
export const CLUSTER_PEERS_FILE = 'cluster-peers.json';

export const writeClusterPeers = (stateDir: string, peers: readonly ClusterPeerOption[]): Promise<void> =>
  writeFile(join(stateDir, CLUSTER_PEERS_FILE), `${JSON.stringify(peers, null, 2)}\n`);

const stableUuid = (name: string): string => {
  const hex = createHash('sha256').update(`cluster-peer:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

const parsePeers = (text: string, file: string): ClusterPeerOption[] => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new OntapSimulatorError(`${file} is not valid JSON`, { cause: error });
  }
  if (!Array.isArray(parsed)) throw new OntapSimulatorError(`${file} must hold an array of cluster peers`);
  return parsed.map((entry, i) => {
    const peer = entry as Partial<ClusterPeerOption> | null;
    if (typeof peer?.name !== 'string') throw new OntapSimulatorError(`${file}[${i}] has no string "name"`);
    if (peer.state !== undefined && !(PEER_STATES as readonly string[]).includes(peer.state)) {
      throw new OntapSimulatorError(`${file}[${i}] has an unknown state "${String(peer.state)}"`);
    }
    return peer as ClusterPeerOption;
  });
};

const loadPeers = async (stateDir: string): Promise<ClusterPeerOption[]> => {
  const file = join(stateDir, CLUSTER_PEERS_FILE);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new OntapSimulatorError(`cannot read ${file}`, { cause: error });
  });
  return text === undefined ? [] : parsePeers(text, file);
};

const peerToJson = (peer: ClusterPeerOption, localVersion: ClusterVersion): JsonObject => {
  const uuid = peer.uuid ?? stableUuid(peer.name);
  return {
    uuid,
    name: peer.name,
    status: { state: peer.state ?? 'available', update_time: peer.updateTime ?? new Date().toISOString() },
    remote: {
      name: peer.remoteName ?? peer.name,
      ip_addresses: [...(peer.remoteIpAddresses ?? [])],
      ...(peer.serialNumber === undefined ? {} : { serial_number: peer.serialNumber }),
    },
    version: { ...(peer.version ?? localVersion) },
    ipspace: { name: 'Default' },
    _links: { self: { href: `/api/cluster/peers/${uuid}` } },
  };
};

const spec: CollectionSpec = { vocabulary: vocabularies.clusterPeers, identity: ['uuid', 'name'], cursor: ['uuid'] };

/** `GET /cluster/peers[/{uuid}]`; a peer without its own version reports the local cluster's. */
export const clusterPeerRoutes = (localVersion: ClusterVersion): Route[] => {
  const peers = async (stateDir: string) => (await loadPeers(stateDir)).map((peer) => peerToJson(peer, localVersion));
  return [
    {
      method: 'GET',
      pattern: '/cluster/peers',
      handle: (ctx) => listReply(ctx, spec, () => peers(ctx.sim.state.stateDir)),
    },
    {
      method: 'GET',
      pattern: '/cluster/peers/{uuid}',
      handle: (ctx) =>
        singleReply(ctx, spec, async () => {
          const found = (await peers(ctx.sim.state.stateDir)).find((p) => p.uuid === ctx.params.uuid);
          if (found === undefined) throw notFoundError();
          return found;
        }),
    },
  ];
};
