import { randomUUID } from 'node:crypto';
import type { CollectionSpec } from '../collection';
import { notFoundError } from '../errors';
import { listReply, singleReply } from '../handler-kit';
import { jobToJson } from '../jobs';
import type { JsonObject } from '../json';
import type { Route } from '../router';
import type { SvmModel } from '../state';
import { vocabularies } from '../vocabulary';
import { clusterPeerRoutes } from './cluster-peers';
import { persistentStoreRoutes } from './fpolicy-persistent-stores';

export interface ClusterVersion {
  readonly full: string;
  readonly generation: number;
  readonly major: number;
  readonly minor: number;
}

export const DEFAULT_CLUSTER_VERSION: ClusterVersion = {
  full: 'NetApp Release 9.16.1P3: Thu Feb 27 16:31:09 UTC 2025 (ONTAP REST simulator)',
  generation: 9,
  major: 16,
  minor: 1,
};

const svmSpec: CollectionSpec = { vocabulary: vocabularies.svms, identity: ['uuid', 'name'], cursor: ['uuid'] };
const jobSpec: CollectionSpec = { vocabulary: vocabularies.jobs, identity: ['uuid'], cursor: ['uuid'] };
const snapmirrorSpec: CollectionSpec = { vocabulary: vocabularies.snapmirror, identity: ['uuid'], cursor: ['uuid'] };
const clusterSpec: CollectionSpec = { vocabulary: vocabularies.cluster, identity: ['name', 'uuid'], cursor: ['uuid'] };

const svmToJson = (svm: SvmModel): JsonObject => ({
  uuid: svm.uuid,
  name: svm.name,
  state: 'running',
  subtype: 'default',
  language: 'c.utf_8',
  comment: '',
  ipspace: { name: 'Default' },
  snapshot_policy: { name: 'default' },
  cifs: { enabled: true, allowed: true, name: svm.cifsServerName },
  nfs: { enabled: true, allowed: true },
  s3: { enabled: false, allowed: true },
  _links: { self: { href: `/api/svm/svms/${svm.uuid}` } },
});

/**
 * Cluster, SVM, job and SnapMirror routes, plus the routes that depend on the cluster's identity or
 * release (cluster peers, FPolicy persistent stores): this is where the simulated cluster is known.
 */
export const basicRoutes = (cluster: { name: string; uuid: string; version: ClusterVersion }): Route[] => [
  ...clusterPeerRoutes(cluster.version),
  ...persistentStoreRoutes(cluster.version),
  {
    method: 'GET',
    pattern: '/cluster',
    handle: (ctx) =>
      singleReply(ctx, clusterSpec, () => ({
        name: cluster.name,
        uuid: cluster.uuid,
        version: { ...cluster.version },
        _links: { self: { href: '/api/cluster' } },
      })),
  },
  {
    method: 'GET',
    pattern: '/svm/svms',
    handle: (ctx) => listReply(ctx, svmSpec, () => [...ctx.sim.state.svms.values()].map(svmToJson)),
  },
  {
    method: 'GET',
    pattern: '/svm/svms/{uuid}',
    handle: (ctx) => singleReply(ctx, svmSpec, () => svmToJson(ctx.sim.state.svm(ctx.params.uuid ?? '', 'uuid'))),
  },
  {
    method: 'GET',
    pattern: '/cluster/jobs',
    handle: (ctx) => listReply(ctx, jobSpec, () => ctx.sim.jobs.list().map(jobToJson)),
  },
  {
    method: 'GET',
    pattern: '/cluster/jobs/{uuid}',
    handle: (ctx) =>
      singleReply(ctx, jobSpec, () => {
        const job = ctx.sim.jobs.get(ctx.params.uuid ?? '');
        if (job === undefined) throw notFoundError();
        return jobToJson(job);
      }),
  },
  {
    method: 'GET',
    pattern: '/snapmirror/relationships',
    // `list_destinations_only` asks the source side; the simulator holds both sides, so it lists all.
    handle: (ctx) => listReply(ctx, snapmirrorSpec, () => ctx.sim.state.snapmirror, ['list_destinations_only']),
  },
  {
    method: 'GET',
    pattern: '/snapmirror/relationships/{uuid}',
    handle: (ctx) =>
      singleReply(ctx, snapmirrorSpec, () => {
        const found = ctx.sim.state.snapmirror.find((r) => r.uuid === ctx.params.uuid);
        if (found === undefined) throw notFoundError();
        return found;
      }),
  },
];

export interface SnapMirrorOption {
  readonly sourcePath: string;
  readonly destinationPath: string;
  readonly state?: string;
  readonly healthy?: boolean;
  readonly lagTime?: string;
  readonly policyName?: string;
  readonly policyType?: string;
  readonly transferScheduleName?: string;
  readonly uuid?: string;
}

/** A configured relationship as ONTAP renders it. */
export const snapMirrorToJson = (option: SnapMirrorOption): JsonObject => {
  const uuid = option.uuid ?? randomUUID();
  const svmOf = (path: string) => ({ name: path.split(':')[0] ?? '' });
  return {
    uuid,
    source: { path: option.sourcePath, svm: svmOf(option.sourcePath) },
    destination: { path: option.destinationPath, svm: svmOf(option.destinationPath) },
    state: option.state ?? 'snapmirrored',
    healthy: option.healthy ?? true,
    lag_time: option.lagTime ?? 'PT1H',
    policy: { name: option.policyName ?? 'MirrorAllSnapshots', type: option.policyType ?? 'async' },
    ...(option.transferScheduleName === undefined ? {} : { transfer_schedule: { name: option.transferScheduleName } }),
    last_transfer_type: 'update',
    transfer: { state: 'success', bytes_transferred: 0 },
    ...(option.healthy === false ? { unhealthy_reason: [{ message: 'Transfer failed.', code: '13303812' }] } : {}),
    _links: { self: { href: `/api/snapmirror/relationships/${uuid}` } },
  };
};
