import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CollectionSpec } from '../collection';
import { ErrorCodes, invalidValue, notFoundError, notInThisRelease, OntapRestError } from '../errors';
import { assertSettable, json, listReply, oneOf, optNumber, optString, reqString, singleReply } from '../handler-kit';
import { isObject, type JsonObject } from '../json';
import type { RequestContext, Route } from '../router';
import type { FpolicyModel, SimState, SvmModel, VolumeModel } from '../state';
import type { Vocabulary } from '../vocabulary';
import { vocabularies } from '../vocabulary';
import type { ClusterVersion } from './basics';

/**
 * FPolicy persistent stores, `/protocols/fpolicy/{svm.uuid}/persistent-stores` [V docs.netapp.com
 * ontap-restapi 9.14.1/9.15.1/latest]:
 * - introduced in 9.14.1 with `name`, `volume`; `size` and `autosize_mode` came with 9.15.1;
 * - 9.14.1 needs an existing volume; from 9.15.1 a missing volume is created (and an existing one resized);
 * - only mounted RW FlexVols; one store per SVM; usable by asynchronous non-mandatory policies only;
 * - a store's volume cannot change while an enabled policy uses it; an active store cannot be deleted.
 * Configuration calls are synchronous (201/200).
 */

const AUTOSIZE_MODES = ['off', 'grow', 'grow_shrink'] as const;
/** [sim] Size of a store volume created without `size` (ONTAP's default is not documented). */
const DEFAULT_STORE_VOLUME_BYTES = 1024 ** 3;

const atLeast = (v: ClusterVersion, major: number, minor: number): boolean =>
  v.generation > 9 || (v.generation === 9 && (v.major > major || (v.major === major && v.minor >= minor)));

/** The stores of each SVM's FPolicy configuration, beside the engines/events/policies the state holds. */
const storesByModel = new WeakMap<FpolicyModel, Map<string, JsonObject>>();

export const persistentStoresOf = (model: FpolicyModel): Map<string, JsonObject> => {
  let stores = storesByModel.get(model);
  if (stores === undefined) {
    stores = new Map();
    storesByModel.set(model, stores);
  }
  return stores;
};

const policiesUsing = (model: FpolicyModel, store: string, enabledOnly: boolean): JsonObject[] =>
  [...model.policies.values()].filter(
    (policy) => policy.persistent_store === store && (!enabledOnly || policy.enabled === true),
  );

const context = (ctx: RequestContext): { svm: SvmModel; model: FpolicyModel; stores: Map<string, JsonObject> } => {
  const svm = ctx.sim.state.svm(ctx.params.svm ?? '');
  const model = ctx.sim.state.fpolicyOf(svm.uuid);
  return { svm, model, stores: persistentStoresOf(model) };
};

const view = (svm: SvmModel, record: JsonObject): JsonObject => ({
  ...record,
  svm: { uuid: svm.uuid },
  _links: {
    self: { href: `/api/protocols/fpolicy/${svm.uuid}/persistent-stores/${encodeURIComponent(String(record.name))}` },
  },
});

const storeVolumeError = (code: string, message: string) => new OntapRestError(400, code, message, 'volume');

/** Checks (9.14.1) or prepares (9.15.1+: creates when missing, resizes when `size` is given) the store volume. */
const prepareVolume = async (
  state: SimState,
  svm: SvmModel,
  name: string,
  size: number | undefined,
  createsVolumes: boolean,
): Promise<void> => {
  const existing = state.volumeByName(svm.uuid, name);
  if (existing === undefined) {
    if (!createsVolumes) {
      throw storeVolumeError(
        ErrorCodes.persistentStoreVolumeMissing,
        `Volume "${name}" does not exist in SVM "${svm.name}".`,
      );
    }
    await createStoreVolume(state, svm, name, size ?? DEFAULT_STORE_VOLUME_BYTES);
    return;
  }
  if (existing.flexcacheEndpoint === 'cache') {
    throw storeVolumeError(
      ErrorCodes.persistentStoreNotFlexVol,
      `Volume "${name}" is not a FlexVol. Only FlexVols are supported for this operation.`,
    );
  }
  if (existing.junctionPath === undefined) {
    throw storeVolumeError(ErrorCodes.persistentStoreNoJunction, 'Volume without junction-path is not supported.');
  }
  if (size !== undefined) existing.size = size;
};

/** ONTAP mounts the volume it creates at `/<name>` (the docs ask for name and junction path to match). */
const createStoreVolume = async (state: SimState, svm: SvmModel, name: string, size: number): Promise<void> => {
  const junctionPath = `/${name}`;
  if ([...state.volumes.values()].some((v) => v.svmUuid === svm.uuid && v.junctionPath === junctionPath)) {
    throw new OntapRestError(400, ErrorCodes.duplicate, `Junction path "${junctionPath}" is already in use.`, 'volume');
  }
  const uuid = randomUUID();
  const dir = join(state.volumesRoot, `${name}-${uuid.slice(0, 8)}`);
  await mkdir(dir, { recursive: true });
  const volume: VolumeModel = {
    uuid,
    name,
    svmUuid: svm.uuid,
    dir,
    ownsDir: true,
    junctionPath,
    securityStyle: 'unix',
    state: 'online',
    size,
    msid: state.allocateMsid(),
    createTime: new Date(),
    comment: undefined,
    aggregates: ['aggr1'],
    flexcacheEndpoint: 'none',
    clone: undefined,
  };
  state.volumes.set(uuid, volume);
};

const positiveSize = (ctx: RequestContext): number | undefined => {
  const size = optNumber(ctx.body, 'size');
  if (size !== undefined && (!Number.isInteger(size) || size <= 0)) throw invalidValue(String(size), 'size');
  return size;
};

/** The routes for `version`; before 9.14.1 every call is answered as an unknown path segment. */
export const persistentStoreRoutes = (version: ClusterVersion): Route[] => {
  const supported = atLeast(version, 14, 1);
  // 9.15.1 added `size` and `autosize_mode` and the creation of a missing volume.
  const sizing = atLeast(version, 15, 1);
  const vocabulary: Vocabulary = sizing
    ? vocabularies.fpolicyPersistentStores
    : {
        fields: new Set(['name', 'volume', 'svm']),
        filters: new Set(['name', 'volume', 'svm.uuid']),
      };
  const spec: CollectionSpec = { vocabulary, identity: ['name'], cursor: ['name'] };
  const known = vocabulary.filters;
  const gate = <T>(handle: (ctx: RequestContext) => T) => {
    return (ctx: RequestContext): T => {
      if (!supported) throw notInThisRelease('persistent-stores');
      return handle(ctx);
    };
  };
  const itemOf = (ctx: RequestContext, missing: () => OntapRestError): JsonObject => {
    const record = context(ctx).stores.get(ctx.params.name ?? '');
    if (record === undefined) throw missing();
    return record;
  };

  const create = async (ctx: RequestContext) => {
    const { svm, stores } = context(ctx);
    assertSettable(ctx.body, ['name', 'volume', 'svm.uuid', ...(sizing ? ['size', 'autosize_mode'] : [])], known);
    const name = reqString(ctx.body, 'name');
    const volume = reqString(ctx.body, 'volume');
    const size = positiveSize(ctx);
    const autosize = oneOf(optString(ctx.body, 'autosize_mode'), AUTOSIZE_MODES, 'autosize_mode');
    if (stores.has(name)) {
      throw new OntapRestError(409, ErrorCodes.duplicate, `duplicate entry: persistent store "${name}"`, 'name');
    }
    const other = [...stores.keys()][0];
    if (other !== undefined) {
      throw new OntapRestError(
        409,
        ErrorCodes.persistentStorePerSvm,
        `SVM "${svm.name}" already has persistent store "${other}"; only one is allowed per SVM.`,
      );
    }
    await prepareVolume(ctx.sim.state, svm, volume, size, sizing);
    const record: JsonObject = {
      name,
      volume,
      ...(sizing ? { size: size ?? ctx.sim.state.volumeByName(svm.uuid, volume)?.size ?? 0 } : {}),
      ...(sizing ? { autosize_mode: autosize ?? 'off' } : {}),
    };
    stores.set(name, record);
    return json(
      201,
      ctx.query.get('return_records') === 'true' ? { num_records: 1, records: [view(svm, record)] } : {},
    );
  };

  const patch = async (ctx: RequestContext) => {
    const { svm, model, stores } = context(ctx);
    const current = itemOf(
      ctx,
      () =>
        new OntapRestError(
          404,
          ErrorCodes.persistentStoreNotFound,
          `Persistent store "${ctx.params.name ?? ''}" does not exist in SVM "${svm.name}".`,
          'name',
        ),
    );
    assertSettable(ctx.body, ['volume', 'svm.uuid', ...(sizing ? ['size'] : [])], known);
    const name = String(current.name);
    const volume = optString(ctx.body, 'volume');
    const size = positiveSize(ctx);
    const volumeChanges = volume !== undefined && volume !== current.volume;
    if (volumeChanges) {
      const enabled = policiesUsing(model, name, true)[0];
      if (enabled !== undefined) {
        throw new OntapRestError(
          400,
          ErrorCodes.persistentStoreVolumeInUse,
          `Cannot update the volume of persistent store "${name}": it is part of enabled policy "${String(enabled.name)}".`,
        );
      }
    }
    if (volume !== undefined || size !== undefined) {
      await prepareVolume(ctx.sim.state, svm, volume ?? String(current.volume), size, sizing);
    }
    stores.set(name, {
      ...current,
      ...(volume === undefined ? {} : { volume }),
      ...(size === undefined ? {} : { size }),
    });
    return json(200);
  };

  const remove = (ctx: RequestContext) => {
    const { model, stores } = context(ctx);
    const current = itemOf(ctx, () => notFoundError('name'));
    const name = String(current.name);
    const active = policiesUsing(model, name, true)[0];
    if (active !== undefined) {
      throw new OntapRestError(
        400,
        ErrorCodes.persistentStoreActive,
        `Persistent Store "${name}" is active on at least one policy ("${String(active.name)}").`,
      );
    }
    stores.delete(name);
    return json(200);
  };

  const base = '/protocols/fpolicy/{svm}/persistent-stores';
  return [
    {
      method: 'GET',
      pattern: base,
      handle: gate((ctx) =>
        listReply(ctx, spec, () => {
          const { svm, stores } = context(ctx);
          return [...stores.values()].map((record) => view(svm, record));
        }),
      ),
    },
    {
      method: 'GET',
      pattern: `${base}/{name}`,
      handle: gate((ctx) =>
        singleReply(ctx, spec, () =>
          view(
            context(ctx).svm,
            itemOf(ctx, () => notFoundError('name')),
          ),
        ),
      ),
    },
    { method: 'POST', pattern: base, handle: gate(create) },
    { method: 'PATCH', pattern: `${base}/{name}`, handle: gate(patch) },
    { method: 'DELETE', pattern: `${base}/{name}`, handle: gate(remove) },
  ];
};

/**
 * A policy naming a persistent store: the store must exist and the policy must be asynchronous and
 * non-mandatory (persistent stores serve no other configuration).
 */
export const assertPolicyStore = (model: FpolicyModel, policy: JsonObject): void => {
  const store = policy.persistent_store;
  if (store === undefined || store === null || store === '') return;
  if (typeof store !== 'string') throw invalidValue(JSON.stringify(store), 'persistent_store');
  if (!persistentStoresOf(model).has(store)) {
    throw new OntapRestError(
      404,
      ErrorCodes.persistentStoreNotFound,
      `Persistent store "${store}" does not exist in the SVM.`,
      'persistent_store',
    );
  }
  const engineName = isObject(policy.engine) ? policy.engine.name : 'native';
  const engine = typeof engineName === 'string' ? model.engines.get(engineName) : undefined;
  if (engine?.type !== 'asynchronous' || policy.mandatory !== false) {
    throw new OntapRestError(
      400,
      ErrorCodes.persistentStorePolicyMode,
      'A persistent store can be used only by a non-mandatory policy with an asynchronous engine.',
      'persistent_store',
    );
  }
};
