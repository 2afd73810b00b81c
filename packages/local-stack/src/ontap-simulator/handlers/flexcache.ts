import { randomUUID } from 'node:crypto';
import { mkdir, rm, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { CollectionSpec } from '../collection';
import { cannotSet, ErrorCodes, invalidValue, missingField, notFoundError, OntapRestError } from '../errors';
import {
  assertSettable,
  listReply,
  optBool,
  optNumber,
  optString,
  optStringArray,
  reqString,
  singleReply,
  startJob,
  svmFromBody,
  svmLink,
} from '../handler-kit';
import { isObject, type Json, type JsonObject } from '../json';
import type { RequestContext, Route } from '../router';
import type { FlexCacheModel, SimState } from '../state';
import { vocabularies } from '../vocabulary';

const flexcacheSpec: CollectionSpec = {
  vocabulary: vocabularies.flexcaches,
  identity: ['uuid', 'name'],
  cursor: ['uuid'],
  // [L] expensive FlexCache properties
  expensive: ['path', 'size', 'guarantee', 'aggregates', 'origins.ip_address', 'origins.size', 'origins.state'],
};

const known = new Set(vocabularies.flexcaches.filters);

const toJson = (state: SimState, cache: FlexCacheModel): JsonObject => {
  const volume = state.volumes.get(cache.volumeUuid);
  return {
    uuid: cache.uuid,
    name: cache.name,
    svm: svmLink(state.svm(cache.svmUuid)),
    ...(volume?.junctionPath === undefined ? {} : { path: volume.junctionPath }),
    size: cache.size,
    guarantee: { type: 'none' },
    aggregates: (volume?.aggregates ?? ['aggr1']).map((name) => ({ name })),
    origins: cache.origins.map((origin) => {
      const originVolume = state.volumes.get(origin.volumeUuid);
      const originSvm = state.svms.get(origin.svmUuid);
      return {
        volume: { name: originVolume?.name ?? '', uuid: origin.volumeUuid },
        svm: { name: originSvm?.name ?? '', uuid: origin.svmUuid },
        cluster: { name: 'local', uuid: '00000000-0000-0000-0000-000000000001' },
        create_time: cache.createTime.toISOString(),
        ip_address: '127.0.0.1',
        size: originVolume?.size ?? 0,
        state: originVolume?.state === 'online' ? 'online' : 'offline',
      };
    }),
    dr_cache: false,
    global_file_locking_enabled: false,
    constituents_per_aggregate: 1,
    override_encryption: false,
    use_tiered_aggregate: false,
    writeback: { enabled: false },
    relative_size: { enabled: false, percentage: 10 },
    atime_scrub: { enabled: false, period: 30 },
    cifs_change_notify: { enabled: false },
    _links: { self: { href: `/api/storage/flexcache/flexcaches/${cache.uuid}` } },
  };
};

const cacheOf = (ctx: RequestContext): FlexCacheModel => {
  const cache = ctx.sim.state.flexcaches.get(ctx.params.uuid ?? '');
  if (cache === undefined) throw notFoundError();
  return cache;
};

interface Prepopulate {
  readonly dirPaths: readonly string[];
  readonly exclude: readonly string[];
}

const readPrepopulate = (body: Json): Prepopulate | undefined => {
  if (!isObject(body) || body.prepopulate === undefined) return undefined;
  const dirPaths = optStringArray(body, 'prepopulate.dir_paths');
  if (dirPaths === undefined || dirPaths.length === 0) throw missingField('prepopulate.dir_paths');
  optBool(body, 'prepopulate.recurse');
  return { dirPaths, exclude: optStringArray(body, 'prepopulate.exclude_dir_paths') ?? [] };
};

/**
 * Prepopulating reads the listed origin directories into the cache. The cache directory is a symlink
 * to the origin, so the simulator checks the preconditions ONTAP checks and records the request.
 */
const prepopulate = async (state: SimState, cache: FlexCacheModel, request: Prepopulate): Promise<void> => {
  const volume = state.volumes.get(cache.volumeUuid);
  if (volume?.junctionPath === undefined) {
    throw new OntapRestError(
      400,
      ErrorCodes.flexcacheNotMounted,
      `FlexCache volume "${cache.name}" must be mounted to prepopulate it.`,
    );
  }
  const origin = cache.origins[0];
  const originVolume = origin === undefined ? undefined : state.volumes.get(origin.volumeUuid);
  if (originVolume === undefined) throw notFoundError('origins.volume.name');
  for (const dirPath of request.dirPaths) {
    if (!dirPath.startsWith('/')) throw invalidValue(dirPath, 'prepopulate.dir_paths');
    const info = await stat(join(originVolume.dir, ...dirPath.split('/').filter((p) => p !== ''))).catch(
      () => undefined,
    );
    if (info?.isDirectory() !== true) {
      throw new OntapRestError(
        400,
        ErrorCodes.pathNotInNamespace,
        `Path "${dirPath}" does not exist in origin volume "${originVolume.name}".`,
        'prepopulate.dir_paths',
      );
    }
  }
  cache.lastPrepopulate = { dirPaths: request.dirPaths, at: new Date() };
};

const createFlexCache = (ctx: RequestContext) => {
  const body = ctx.body;
  assertSettable(
    body,
    [
      'name',
      'svm.name',
      'svm.uuid',
      'origins',
      'path',
      'size',
      'aggregates',
      'prepopulate',
      'guarantee.type',
      'dr_cache',
      'global_file_locking_enabled',
      'writeback.enabled',
      'relative_size',
      'atime_scrub',
      'cifs_change_notify.enabled',
      'override_encryption',
      'constituents_per_aggregate',
      'use_tiered_aggregate',
    ],
    known,
  );
  const name = reqString(body, 'name');
  const svm = svmFromBody(ctx);
  const origins = isObject(body) && Array.isArray(body.origins) ? body.origins : [];
  if (origins.length === 0) throw missingField('origins');
  const originRefs = origins.map((origin) => {
    // ONTAP takes origin volumes by name only.
    if (optString(origin, 'volume.uuid') !== undefined) throw cannotSet('origins.volume.uuid');
    return { volumeName: reqString(origin, 'volume.name'), svmName: reqString(origin, 'svm.name') };
  });
  const path = optString(body, 'path');
  if (path !== undefined && (!path.startsWith('/') || (path.length > 1 && path.endsWith('/'))))
    throw invalidValue(path, 'path');
  const size = optNumber(body, 'size');
  const aggregates = isObject(body) && Array.isArray(body.aggregates) ? body.aggregates : [];
  const aggregateNames = aggregates.map((a) => (isObject(a) && typeof a.name === 'string' ? a.name : 'aggr1'));
  const prepopulateRequest = readPrepopulate(body);
  const state = ctx.sim.state;

  // Allocated up front so `return_records=true` can name the record the job will create.
  const uuid = randomUUID();
  return startJob(
    ctx,
    svm,
    201,
    async () => {
      if (
        [...state.flexcaches.values()].some((c) => c.svmUuid === svm.uuid && c.name === name) ||
        state.volumeByName(svm.uuid, name)
      ) {
        throw new OntapRestError(
          409,
          ErrorCodes.duplicate,
          `Duplicate volume name "${name}" in SVM "${svm.name}".`,
          'name',
        );
      }
      const resolved = originRefs.map((ref) => {
        const originSvm = state.svmByName(ref.svmName);
        const volume = originSvm === undefined ? undefined : state.volumeByName(originSvm.uuid, ref.volumeName);
        if (originSvm === undefined || volume === undefined) throw notFoundError('origins.volume.name');
        return volume;
      });
      const originVolume = resolved[0];
      if (originVolume === undefined) throw missingField('origins');
      if (
        path !== undefined &&
        [...state.volumes.values()].some((v) => v.svmUuid === svm.uuid && v.junctionPath === path)
      ) {
        throw new OntapRestError(409, ErrorCodes.duplicate, `Junction path "${path}" is already in use.`, 'path');
      }
      const volumeUuid = randomUUID();
      // The cache directory is a symlink to the origin: reads always see the origin's current data.
      const dir = join(state.stateDir, 'flexcache', uuid);
      await mkdir(join(state.stateDir, 'flexcache'), { recursive: true });
      await symlink(originVolume.dir, dir, 'dir');
      const cacheSize = size ?? Math.max(originVolume.size / 10, 1024 ** 3);
      state.volumes.set(volumeUuid, {
        uuid: volumeUuid,
        name,
        svmUuid: svm.uuid,
        dir,
        ownsDir: true,
        junctionPath: path,
        securityStyle: originVolume.securityStyle,
        state: 'online',
        size: cacheSize,
        msid: state.allocateMsid(),
        createTime: new Date(),
        comment: undefined,
        aggregates: aggregateNames.length > 0 ? aggregateNames : ['aggr1'],
        flexcacheEndpoint: 'cache',
        clone: undefined,
      });
      for (const volume of resolved) volume.flexcacheEndpoint = 'origin';
      const cache: FlexCacheModel = {
        uuid,
        name,
        svmUuid: svm.uuid,
        volumeUuid,
        origins: resolved.map((v) => ({ volumeUuid: v.uuid, svmUuid: v.svmUuid })),
        size: cacheSize,
        createTime: new Date(),
        lastPrepopulate: undefined,
      };
      state.flexcaches.set(uuid, cache);
      if (prepopulateRequest !== undefined) await prepopulate(state, cache, prepopulateRequest);
    },
    [{ uuid, name }],
  );
};

const deleteFlexCache = async (state: SimState, cache: FlexCacheModel): Promise<void> => {
  const volume = state.volumes.get(cache.volumeUuid);
  state.flexcaches.delete(cache.uuid);
  if (volume !== undefined) {
    state.volumes.delete(volume.uuid);
    // Removes the symlink only, never the origin's files.
    await rm(volume.dir, { force: true });
  }
  for (const origin of cache.origins) {
    const stillOrigin = [...state.flexcaches.values()].some((c) =>
      c.origins.some((o) => o.volumeUuid === origin.volumeUuid),
    );
    const originVolume = state.volumes.get(origin.volumeUuid);
    if (!stillOrigin && originVolume !== undefined) originVolume.flexcacheEndpoint = 'none';
  }
};

export const flexcacheRoutes = (): Route[] => [
  {
    method: 'GET',
    pattern: '/storage/flexcache/flexcaches',
    handle: (ctx) =>
      listReply(ctx, flexcacheSpec, () => [...ctx.sim.state.flexcaches.values()].map((c) => toJson(ctx.sim.state, c))),
  },
  {
    method: 'GET',
    pattern: '/storage/flexcache/flexcaches/{uuid}',
    handle: (ctx) => singleReply(ctx, flexcacheSpec, () => toJson(ctx.sim.state, cacheOf(ctx))),
  },
  { method: 'POST', pattern: '/storage/flexcache/flexcaches', handle: createFlexCache },
  {
    method: 'PATCH',
    pattern: '/storage/flexcache/flexcaches/{uuid}',
    handle: (ctx) => {
      const cache = cacheOf(ctx);
      assertSettable(
        ctx.body,
        ['prepopulate', 'writeback.enabled', 'relative_size', 'atime_scrub', 'cifs_change_notify.enabled'],
        known,
      );
      const request = readPrepopulate(ctx.body);
      return startJob(ctx, ctx.sim.state.svm(cache.svmUuid), 200, async () => {
        if (request !== undefined) await prepopulate(ctx.sim.state, cache, request);
      });
    },
  },
  {
    method: 'DELETE',
    pattern: '/storage/flexcache/flexcaches/{uuid}',
    handle: (ctx) => {
      const cache = cacheOf(ctx);
      return startJob(ctx, ctx.sim.state.svm(cache.svmUuid), 200, () => deleteFlexCache(ctx.sim.state, cache));
    },
  },
];
