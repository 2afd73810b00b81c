import type { AsyncResult } from '../jobs';
import type { ListOptions, MutationOptions } from '../resource-helpers';
import { getRecord, listRecords, mutate } from '../resource-helpers';
import type { OntapClient } from '../transport';
import { type ClusterVersion, isAtLeast } from './cluster';

/**
 * FPolicy persistent stores, `/protocols/fpolicy/{svm.uuid}/persistent-stores[/{name}]` (ONTAP ≥ 9.14.1).
 * One store per SVM, usable by asynchronous non-mandatory policies only. 9.14.1 knows only `name` and
 * `volume`, and the volume must exist (mounted RW FlexVol); 9.15.1 added `size` and `autosize_mode` and
 * creates a missing volume. Reached as `fpolicy.persistentStores`.
 */

export type AutosizeMode = 'off' | 'grow' | 'grow_shrink';

export interface PersistentStore {
  readonly name: string;
  readonly volume?: string;
  /** Bytes. */
  readonly size?: number;
  readonly autosize_mode?: AutosizeMode;
  readonly svm?: { readonly uuid?: string };
}

/** Gettable since 9.14.1 [V docs ontap-restapi-9141 GET persistent-stores]. */
export const PERSISTENT_STORE_FIELDS = ['name', 'volume', 'svm'] as const;
/** Added in 9.15.1 [L netapp_ontap 9.17.1 `FpolicyPersistentStoreSchema.gettable_fields`]; 9.14.1 rejects them. */
export const SIZING_FIELDS = ['size', 'autosize_mode'] as const;

/** The release that introduced persistent stores, and the one that added sizing. */
export const MIN_VERSION = { generation: 9, major: 14, minor: 1 } as const;
export const SIZING_MIN_VERSION = { generation: 9, major: 15, minor: 1 } as const;

export const isSupported = (version: ClusterVersion): boolean => isAtLeast(version, MIN_VERSION);
/** True when ONTAP accepts `size`/`autosize_mode` and creates a missing store volume. */
export const supportsSizing = (version: ClusterVersion): boolean => isAtLeast(version, SIZING_MIN_VERSION);

export interface StoreReadOptions extends ListOptions {
  /** Also read `size` and `autosize_mode` (ONTAP ≥ 9.15.1 only). */
  readonly withSizing?: boolean;
}

const fieldsFor = (options: StoreReadOptions | undefined): readonly string[] =>
  options?.withSizing === true ? [...PERSISTENT_STORE_FIELDS, ...SIZING_FIELDS] : PERSISTENT_STORE_FIELDS;

export interface CreatePersistentStoreInput {
  readonly name: string;
  readonly volume: string;
  /** Bytes; an existing volume is resized to it (ONTAP ≥ 9.15.1). */
  readonly size?: number;
  /** ONTAP ≥ 9.15.1. */
  readonly autosize_mode?: AutosizeMode;
}

/** `autosize_mode` cannot be patched (ONTAP points to the volume's own autosize setting instead). */
export interface PatchPersistentStoreInput {
  readonly volume?: string;
  /** ONTAP ≥ 9.15.1. */
  readonly size?: number;
}

const collection = (svmUuid: string) => `/protocols/fpolicy/${encodeURIComponent(svmUuid)}/persistent-stores`;
const item = (svmUuid: string, name: string) => `${collection(svmUuid)}/${encodeURIComponent(name)}`;

export const list = (client: OntapClient, svmUuid: string, options?: StoreReadOptions): Promise<PersistentStore[]> =>
  listRecords<PersistentStore>(client, collection(svmUuid), fieldsFor(options), ['name'], {}, options);

export const get = (
  client: OntapClient,
  svmUuid: string,
  name: string,
  options?: StoreReadOptions,
): Promise<PersistentStore> =>
  getRecord<PersistentStore>(client, item(svmUuid, name), fieldsFor(options), ['name'], {}, options?.signal);

/** Synchronous on ONTAP (201); a job in the answer is awaited anyway. */
export const create = (
  client: OntapClient,
  svmUuid: string,
  input: CreatePersistentStoreInput,
  options?: MutationOptions,
): Promise<AsyncResult> => mutate(client, 'POST', collection(svmUuid), { ...input }, options);

/** ONTAP refuses to change the volume of a store used by an enabled policy (9765070). */
export const patch = (
  client: OntapClient,
  svmUuid: string,
  name: string,
  input: PatchPersistentStoreInput,
  options?: MutationOptions,
): Promise<AsyncResult> => mutate(client, 'PATCH', item(svmUuid, name), { ...input }, options);

/** ONTAP refuses while the store is active on a policy (9765064). */
export const remove = (
  client: OntapClient,
  svmUuid: string,
  name: string,
  options?: MutationOptions,
): Promise<AsyncResult> => mutate(client, 'DELETE', item(svmUuid, name), undefined, options);
