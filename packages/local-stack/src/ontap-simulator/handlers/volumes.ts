import { randomUUID } from 'node:crypto';
import { cp, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CollectionSpec } from '../collection';
import { ErrorCodes, invalidValue, missingField, notFoundError, OntapRestError } from '../errors';
import {
  assertSettable,
  listReply,
  oneOf,
  optBool,
  optNumber,
  optString,
  reqString,
  singleReply,
  startJob,
  svmFromBody,
  svmLink,
} from '../handler-kit';
import { isObject, type JsonObject } from '../json';
import type { RequestContext, Route } from '../router';
import {
  directorySize,
  type SecurityStyle,
  type SimState,
  type SnapshotModel,
  type SvmModel,
  type VolumeModel,
} from '../state';
import { vocabularies } from '../vocabulary';

/** Volume properties ONTAP only returns when named (or with `fields=**`) [L netapp_ontap 9.17]. */
const VOLUME_EXPENSIVE = [
  'is_svm_root',
  'nas.path',
  'nas.security_style',
  'clone.parent_volume',
  'clone.parent_snapshot',
  'clone.parent_svm',
  'clone.split_complete_percent',
  'clone.split_estimate',
  'clone.split_initiated',
  'flexcache_endpoint_type',
  'space.used',
];

export const volumeSpec: CollectionSpec = {
  vocabulary: vocabularies.volumes,
  identity: ['uuid', 'name'],
  cursor: ['uuid'],
  expensive: VOLUME_EXPENSIVE,
};

const snapshotSpec: CollectionSpec = {
  vocabulary: vocabularies.snapshots,
  identity: ['uuid', 'name'],
  cursor: ['uuid'],
};

const VOLUME_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,202}$/;
const SECURITY_STYLES: readonly SecurityStyle[] = ['unix', 'ntfs', 'mixed', 'unified'];

const volumeToJson = async (state: SimState, volume: VolumeModel): Promise<JsonObject> => {
  const svm = state.svm(volume.svmUuid);
  const used = volume.state === 'online' ? await directorySize(volume.dir).catch(() => 0) : 0;
  const clone = volume.clone;
  const parentSvm = clone === undefined ? undefined : state.volumes.get(clone.parentVolumeUuid)?.svmUuid;
  const splitPercent = state.splitPercent(volume);
  return {
    uuid: volume.uuid,
    name: volume.name,
    svm: svmLink(svm),
    state: volume.state,
    type: 'rw',
    style: 'flexvol',
    size: volume.size,
    msid: volume.msid,
    create_time: volume.createTime.toISOString(),
    ...(volume.comment === undefined ? {} : { comment: volume.comment }),
    language: 'c.utf_8',
    aggregates: volume.aggregates.map((name) => ({ name })),
    flexcache_endpoint_type: volume.flexcacheEndpoint,
    is_svm_root: false,
    snapshot_count: state.snapshotsOf(volume.uuid).length,
    nas: {
      ...(volume.junctionPath === undefined ? {} : { path: volume.junctionPath }),
      security_style: volume.securityStyle,
    },
    clone: {
      is_flexclone: clone !== undefined,
      has_flexclone: state.clonesOf(volume.uuid).length > 0,
      ...(clone === undefined
        ? {}
        : {
            parent_volume: { name: clone.parentVolumeName, uuid: clone.parentVolumeUuid },
            parent_snapshot: { name: clone.parentSnapshotName, uuid: clone.parentSnapshotUuid },
            ...(parentSvm === undefined ? {} : { parent_svm: { name: state.svm(parentSvm).name, uuid: parentSvm } }),
            split_initiated: clone.splitStartedAt !== undefined,
            ...(splitPercent === undefined ? {} : { split_complete_percent: splitPercent }),
          }),
    },
    space: { size: volume.size, available: Math.max(0, volume.size - used), used },
    _links: { self: { href: `/api/storage/volumes/${volume.uuid}` } },
  };
};

const snapshotToJson = (state: SimState, snapshot: SnapshotModel): JsonObject => {
  const volume = state.volume(snapshot.volumeUuid);
  return {
    uuid: snapshot.uuid,
    name: snapshot.name,
    create_time: snapshot.createTime.toISOString(),
    ...(snapshot.comment === undefined ? {} : { comment: snapshot.comment }),
    ...(snapshot.expiryTime === undefined ? {} : { expiry_time: snapshot.expiryTime }),
    ...(snapshot.snapmirrorLabel === undefined ? {} : { snapmirror_label: snapshot.snapmirrorLabel }),
    state: 'valid',
    size: snapshot.size,
    svm: svmLink(state.svm(volume.svmUuid)),
    volume: { name: volume.name, uuid: volume.uuid, _links: { self: { href: `/api/storage/volumes/${volume.uuid}` } } },
    // ONTAP omits `owners` when empty.
    ...(snapshot.cloneOwners.size > 0 ? { owners: ['volume_clone'] } : {}),
    _links: { self: { href: `/api/storage/volumes/${volume.uuid}/snapshots/${snapshot.uuid}` } },
  };
};

const known = new Set(vocabularies.volumes.filters);

const assertJunctionFree = (state: SimState, svmUuid: string, path: string, except?: string): void => {
  if (!path.startsWith('/') || (path.length > 1 && path.endsWith('/'))) throw invalidValue(path, 'nas.path');
  const taken = [...state.volumes.values()].find(
    (v) => v.svmUuid === svmUuid && v.junctionPath === path && v.uuid !== except,
  );
  if (taken !== undefined) {
    throw new OntapRestError(
      400,
      ErrorCodes.duplicate,
      `Junction path "${path}" is already used by volume "${taken.name}".`,
      'nas.path',
    );
  }
};

/** Takes a snapshot: a recursive copy of the volume directory under the state directory. */
export const takeSnapshot = async (
  state: SimState,
  volume: VolumeModel,
  name: string,
  extra: Partial<Pick<SnapshotModel, 'comment' | 'expiryTime' | 'snapmirrorLabel'>> = {},
  uuid: string = randomUUID(),
): Promise<SnapshotModel> => {
  if (state.snapshotsOf(volume.uuid).some((s) => s.name === name)) {
    throw new OntapRestError(
      409,
      ErrorCodes.duplicate,
      `Snapshot copy "${name}" already exists in volume "${volume.name}".`,
      'name',
    );
  }
  const dir = join(state.stateDir, 'snapshots', volume.uuid, uuid);
  await mkdir(dir, { recursive: true });
  await cp(volume.dir, dir, { recursive: true, verbatimSymlinks: true });
  const snapshot: SnapshotModel = {
    uuid,
    name,
    volumeUuid: volume.uuid,
    dir,
    createTime: new Date(),
    comment: extra.comment,
    expiryTime: extra.expiryTime,
    snapmirrorLabel: extra.snapmirrorLabel,
    size: await directorySize(dir),
    cloneOwners: new Set(),
  };
  state.snapshots.set(uuid, snapshot);
  return snapshot;
};

const deleteSnapshot = async (state: SimState, snapshot: SnapshotModel): Promise<void> => {
  if (snapshot.cloneOwners.size > 0) {
    const volume = state.volume(snapshot.volumeUuid);
    const svm = state.svm(volume.svmUuid);
    throw new OntapRestError(
      409,
      ErrorCodes.snapshotBusy,
      `Snapshot copy "${snapshot.name}" of volume "${volume.name}" on Vserver "${svm.name}" is busy: it backs a FlexClone volume. Split or delete the clone first.`,
    );
  }
  state.snapshots.delete(snapshot.uuid);
  await rm(snapshot.dir, { recursive: true, force: true });
};

const createVolume = (ctx: RequestContext) => {
  const body = ctx.body;
  const isClone = optBool(body, 'clone.is_flexclone') === true || (isObject(body) && isObject(body.clone));
  assertSettable(
    body,
    [
      'name',
      'svm.name',
      'svm.uuid',
      'aggregates',
      'size',
      'comment',
      'nas.path',
      ...(isClone ? [] : ['nas.security_style', 'state', 'type', 'style']),
      'snapshot_policy.name',
      'language',
      'guarantee.type',
      'encryption.enabled',
      'clone.is_flexclone',
      'clone.parent_volume.name',
      'clone.parent_volume.uuid',
      'clone.parent_snapshot.name',
      'clone.parent_snapshot.uuid',
      'clone.parent_svm.name',
      'clone.parent_svm.uuid',
    ],
    known,
  );
  const name = reqString(body, 'name');
  if (!VOLUME_NAME.test(name)) throw invalidValue(name, 'name');
  const svm = svmFromBody(ctx);
  const nasPath = optString(body, 'nas.path');
  const size = optNumber(body, 'size') ?? 20 * 1024 * 1024;
  const comment = optString(body, 'comment');
  const style = oneOf(optString(body, 'nas.security_style'), SECURITY_STYLES, 'nas.security_style');
  const aggregates = isObject(body) && Array.isArray(body.aggregates) ? body.aggregates : [];
  const aggregateNames = aggregates.map((a) => (isObject(a) && typeof a.name === 'string' ? a.name : 'aggr1'));
  if (!isClone && aggregateNames.length === 0) throw missingField('aggregates');
  const state = ctx.sim.state;
  // Allocated up front so `return_records=true` can name the record the job will create.
  const uuid = randomUUID();

  return startJob(
    ctx,
    svm,
    201,
    async () => {
      if (state.volumeByName(svm.uuid, name) !== undefined) {
        throw new OntapRestError(
          409,
          ErrorCodes.duplicate,
          `Duplicate volume name "${name}" in SVM "${svm.name}".`,
          'name',
        );
      }
      if (nasPath !== undefined && nasPath !== '') assertJunctionFree(state, svm.uuid, nasPath);
      const dir = join(state.volumesRoot, `${name}-${uuid.slice(0, 8)}`);
      if (isClone) {
        await createClone(ctx, state, svm, { uuid, name, dir, nasPath, size, comment });
        return;
      }
      await mkdir(dir, { recursive: true });
      state.volumes.set(uuid, {
        uuid,
        name,
        svmUuid: svm.uuid,
        dir,
        ownsDir: true,
        junctionPath: nasPath === '' ? undefined : nasPath,
        securityStyle: style ?? 'unix',
        state: 'online',
        size,
        msid: state.allocateMsid(),
        createTime: new Date(),
        comment,
        aggregates: aggregateNames,
        flexcacheEndpoint: 'none',
        clone: undefined,
      });
    },
    [{ uuid, name }],
  );
};

const createClone = async (
  ctx: RequestContext,
  state: SimState,
  svm: SvmModel,
  target: {
    uuid: string;
    name: string;
    dir: string;
    nasPath: string | undefined;
    size: number;
    comment: string | undefined;
  },
): Promise<void> => {
  const body = ctx.body;
  const parentSvmUuid = optString(body, 'clone.parent_svm.uuid');
  const parentSvmName = optString(body, 'clone.parent_svm.name');
  const parentSvm =
    parentSvmUuid !== undefined
      ? state.svm(parentSvmUuid, 'clone.parent_svm.uuid')
      : parentSvmName !== undefined
        ? state.svmByName(parentSvmName)
        : svm;
  if (parentSvm === undefined) throw notFoundError('clone.parent_svm.name');
  const parentUuid = optString(body, 'clone.parent_volume.uuid');
  const parentName = optString(body, 'clone.parent_volume.name');
  if (parentUuid === undefined && parentName === undefined) throw missingField('clone.parent_volume.name');
  const parent =
    parentUuid !== undefined ? state.volumes.get(parentUuid) : state.volumeByName(parentSvm.uuid, parentName ?? '');
  if (parent === undefined)
    throw notFoundError(parentUuid !== undefined ? 'clone.parent_volume.uuid' : 'clone.parent_volume.name');
  if (parent.state !== 'online') {
    throw new OntapRestError(400, '917533', `Volume "${parent.name}" is not online.`, 'clone.parent_volume');
  }
  const snapUuid = optString(body, 'clone.parent_snapshot.uuid');
  const snapName = optString(body, 'clone.parent_snapshot.name');
  let snapshot: SnapshotModel | undefined;
  if (snapUuid !== undefined || snapName !== undefined) {
    snapshot = state
      .snapshotsOf(parent.uuid)
      .find((s) => (snapUuid !== undefined ? s.uuid === snapUuid : s.name === snapName));
    if (snapshot === undefined)
      throw notFoundError(snapUuid !== undefined ? 'clone.parent_snapshot.uuid' : 'clone.parent_snapshot.name');
  } else {
    // No parent snapshot named: ONTAP takes a fresh one of the parent.
    snapshot = await takeSnapshot(
      state,
      parent,
      `clone_${target.name}.${new Date().toISOString().replace(/[:.]/g, '_')}`,
    );
  }
  await mkdir(target.dir, { recursive: true });
  await cp(snapshot.dir, target.dir, { recursive: true, verbatimSymlinks: true });
  snapshot.cloneOwners.add(target.uuid);
  state.volumes.set(target.uuid, {
    uuid: target.uuid,
    name: target.name,
    svmUuid: svm.uuid,
    dir: target.dir,
    ownsDir: true,
    junctionPath: target.nasPath === '' ? undefined : target.nasPath,
    securityStyle: parent.securityStyle,
    state: 'online',
    size: parent.size,
    msid: state.allocateMsid(),
    createTime: new Date(),
    comment: target.comment,
    aggregates: parent.aggregates,
    flexcacheEndpoint: 'none',
    clone: {
      parentVolumeUuid: parent.uuid,
      parentVolumeName: parent.name,
      parentSnapshotUuid: snapshot.uuid,
      parentSnapshotName: snapshot.name,
      splitStartedAt: undefined,
    },
  });
};

const patchVolume = (ctx: RequestContext) => {
  const state = ctx.sim.state;
  const volume = state.volume(ctx.params.uuid ?? '');
  const body = ctx.body;
  assertSettable(body, ['state', 'nas.path', 'nas.security_style', 'comment', 'size', 'clone.split_initiated'], known);
  const newState = oneOf(optString(body, 'state'), ['online', 'offline', 'restricted'] as const, 'state');
  const nasPath = optString(body, 'nas.path');
  const style = oneOf(optString(body, 'nas.security_style'), SECURITY_STYLES, 'nas.security_style');
  const comment = optString(body, 'comment');
  const size = optNumber(body, 'size');
  const split = optBool(body, 'clone.split_initiated');
  const svm = state.svm(volume.svmUuid);

  return startJob(ctx, svm, 200, () => {
    const current = state.volume(volume.uuid);
    if (newState !== undefined) {
      current.state = newState;
      // Taking a volume offline or restricted removes its junction path.
      if (newState !== 'online') current.junctionPath = undefined;
    }
    if (nasPath !== undefined) {
      if (nasPath === '') current.junctionPath = undefined;
      else {
        if (current.state !== 'online') {
          throw new OntapRestError(
            400,
            '917533',
            `Cannot mount volume "${current.name}": it is ${current.state}.`,
            'nas.path',
          );
        }
        assertJunctionFree(state, current.svmUuid, nasPath, current.uuid);
        current.junctionPath = nasPath;
      }
    }
    if (style !== undefined) current.securityStyle = style;
    if (comment !== undefined) current.comment = comment;
    if (size !== undefined) current.size = size;
    if (split !== undefined) {
      if (current.clone === undefined) {
        throw new OntapRestError(
          400,
          ErrorCodes.invalidValue,
          `Volume "${current.name}" is not a FlexClone volume.`,
          'clone.split_initiated',
        );
      }
      current.clone.splitStartedAt = split ? (current.clone.splitStartedAt ?? Date.now()) : undefined;
    }
  });
};

const deleteVolume = (ctx: RequestContext) => {
  const state = ctx.sim.state;
  const volume = state.volume(ctx.params.uuid ?? '');
  const force = ctx.query.get('force');
  if (force !== null && force !== 'true' && force !== 'false') throw invalidValue(force, 'force');
  const svm = state.svm(volume.svmUuid);
  return startJob(ctx, svm, 200, async () => {
    const current = state.volume(volume.uuid);
    if (current.flexcacheEndpoint === 'cache') {
      throw new OntapRestError(
        400,
        ErrorCodes.invalidValue,
        `Volume "${current.name}" is a FlexCache; delete it with /storage/flexcache/flexcaches.`,
      );
    }
    if (current.junctionPath !== undefined) {
      throw new OntapRestError(
        409,
        ErrorCodes.volumeMounted,
        `Volume "${current.name}" in SVM "${svm.name}" has junction path "${current.junctionPath}". Unmount the volume before deleting it.`,
      );
    }
    const clones = state.clonesOf(current.uuid);
    if (clones.length > 0) {
      throw new OntapRestError(
        409,
        ErrorCodes.volumeHasClones,
        `Volume "${current.name}" has FlexClone volumes (${clones.map((c) => c.name).join(', ')}). Split or delete them first.`,
      );
    }
    for (const snapshot of state.snapshotsOf(current.uuid)) await deleteSnapshot(state, snapshot);
    if (current.clone !== undefined)
      state.snapshots.get(current.clone.parentSnapshotUuid)?.cloneOwners.delete(current.uuid);
    state.volumes.delete(current.uuid);
    if (current.ownsDir) await rm(current.dir, { recursive: true, force: true });
  });
};

const snapshotOf = (ctx: RequestContext): SnapshotModel => {
  const volume = ctx.sim.state.volume(ctx.params.volume ?? '');
  const snapshot = ctx.sim.state.snapshots.get(ctx.params.uuid ?? '');
  if (snapshot === undefined || snapshot.volumeUuid !== volume.uuid) throw notFoundError();
  return snapshot;
};

const knownSnapshot = new Set(vocabularies.snapshots.filters);

export const volumeRoutes = (): Route[] => [
  {
    method: 'GET',
    pattern: '/storage/volumes',
    handle: (ctx) =>
      listReply(ctx, volumeSpec, () => {
        const state = ctx.sim.state;
        state.advanceSplits();
        return Promise.all([...state.volumes.values()].map((v) => volumeToJson(state, v)));
      }),
  },
  {
    method: 'GET',
    pattern: '/storage/volumes/{uuid}',
    handle: (ctx) =>
      singleReply(ctx, volumeSpec, () => volumeToJson(ctx.sim.state, ctx.sim.state.volume(ctx.params.uuid ?? ''))),
  },
  { method: 'POST', pattern: '/storage/volumes', handle: createVolume },
  { method: 'PATCH', pattern: '/storage/volumes/{uuid}', handle: patchVolume },
  { method: 'DELETE', pattern: '/storage/volumes/{uuid}', mutationParams: ['force'], handle: deleteVolume },
  {
    method: 'GET',
    pattern: '/storage/volumes/{volume}/snapshots',
    handle: (ctx) =>
      listReply(ctx, snapshotSpec, () => {
        const state = ctx.sim.state;
        const volume = state.volume(ctx.params.volume ?? '');
        return state.snapshotsOf(volume.uuid).map((s) => snapshotToJson(state, s));
      }),
  },
  {
    method: 'GET',
    pattern: '/storage/volumes/{volume}/snapshots/{uuid}',
    handle: (ctx) => singleReply(ctx, snapshotSpec, () => snapshotToJson(ctx.sim.state, snapshotOf(ctx))),
  },
  {
    method: 'POST',
    pattern: '/storage/volumes/{volume}/snapshots',
    handle: (ctx) => {
      const state = ctx.sim.state;
      const volume = state.volume(ctx.params.volume ?? '');
      assertSettable(ctx.body, ['name', 'comment', 'expiry_time', 'snapmirror_label'], knownSnapshot);
      const name = reqString(ctx.body, 'name');
      const extra = {
        comment: optString(ctx.body, 'comment'),
        expiryTime: optString(ctx.body, 'expiry_time'),
        snapmirrorLabel: optString(ctx.body, 'snapmirror_label'),
      };
      const uuid = randomUUID();
      return startJob(
        ctx,
        state.svm(volume.svmUuid),
        201,
        async () => {
          const current = state.volume(volume.uuid);
          if (current.state !== 'online')
            throw new OntapRestError(400, '917533', `Volume "${current.name}" is not online.`);
          await takeSnapshot(state, current, name, extra, uuid);
        },
        [{ uuid, name }],
      );
    },
  },
  {
    method: 'PATCH',
    pattern: '/storage/volumes/{volume}/snapshots/{uuid}',
    handle: (ctx) => {
      const snapshot = snapshotOf(ctx);
      assertSettable(ctx.body, ['name', 'comment', 'expiry_time', 'snapmirror_label'], knownSnapshot);
      const name = optString(ctx.body, 'name');
      const comment = optString(ctx.body, 'comment');
      const expiry = optString(ctx.body, 'expiry_time');
      const label = optString(ctx.body, 'snapmirror_label');
      const volume = ctx.sim.state.volume(snapshot.volumeUuid);
      return startJob(ctx, ctx.sim.state.svm(volume.svmUuid), 200, () => {
        if (name !== undefined) snapshot.name = name;
        if (comment !== undefined) snapshot.comment = comment;
        if (expiry !== undefined) snapshot.expiryTime = expiry;
        if (label !== undefined) snapshot.snapmirrorLabel = label;
      });
    },
  },
  {
    method: 'DELETE',
    pattern: '/storage/volumes/{volume}/snapshots/{uuid}',
    handle: (ctx) => {
      const snapshot = snapshotOf(ctx);
      const volume = ctx.sim.state.volume(snapshot.volumeUuid);
      return startJob(ctx, ctx.sim.state.svm(volume.svmUuid), 200, () => deleteSnapshot(ctx.sim.state, snapshot));
    },
  },
];
