import type { AsyncResult, Submitted } from '../jobs';
import type { ListOptions, MutationOptions, SubmitOptions, SvmRef } from '../resource-helpers';
import {
  getRecord,
  isSubmit,
  listRecords,
  mutate,
  mutateOrSubmit,
  notFound,
  single,
  submit,
  svmRefBody,
} from '../resource-helpers';
import type { OntapClient } from '../transport';

export type VolumeState = 'online' | 'offline' | 'restricted' | 'error' | 'mixed';
export type SecurityStyle = 'unix' | 'ntfs' | 'mixed' | 'unified';

export interface Volume {
  readonly uuid: string;
  readonly name: string;
  readonly svm?: { readonly name?: string; readonly uuid?: string };
  readonly state?: VolumeState;
  readonly type?: 'rw' | 'dp' | 'ls';
  readonly style?: string;
  readonly size?: number;
  readonly msid?: number;
  readonly create_time?: string;
  readonly comment?: string;
  readonly flexcache_endpoint_type?: 'none' | 'cache' | 'origin';
  readonly is_svm_root?: boolean;
  /** `path` is absent (or empty) while the volume is not mounted. */
  readonly nas?: { readonly path?: string; readonly security_style?: SecurityStyle };
  readonly clone?: {
    readonly is_flexclone?: boolean;
    readonly has_flexclone?: boolean;
    readonly parent_volume?: { readonly name?: string; readonly uuid?: string };
    readonly parent_snapshot?: { readonly name?: string; readonly uuid?: string };
    readonly split_initiated?: boolean;
    /** Null/absent when no split is running. */
    readonly split_complete_percent?: number | null;
  };
  readonly space?: { readonly size?: number; readonly available?: number; readonly used?: number };
}

const PATH = '/storage/volumes';

/**
 * Expensive properties (`nas.*`, `clone.parent_*`, `clone.split_*`, `is_svm_root`,
 * `flexcache_endpoint_type`) are only returned when named, so they are named here explicitly.
 */
export const VOLUME_FIELDS = [
  'uuid',
  'name',
  'svm',
  'state',
  'type',
  'style',
  'size',
  'msid',
  'create_time',
  'comment',
  'flexcache_endpoint_type',
  'is_svm_root',
  'nas.path',
  'nas.security_style',
  'clone.is_flexclone',
  'clone.has_flexclone',
  'clone.parent_volume.name',
  'clone.parent_volume.uuid',
  'clone.parent_snapshot.name',
  'clone.parent_snapshot.uuid',
  'clone.split_initiated',
  'clone.split_complete_percent',
  'space.size',
  'space.available',
  'space.used',
] as const;

const IDENTITY = ['uuid', 'name'] as const;

export interface ListVolumesFilter {
  readonly svmName?: string;
  readonly svmUuid?: string;
  /** Exact name or an ONTAP pattern. */
  readonly name?: string;
  /** Junction path or pattern (`/data/*`). */
  readonly nasPath?: string;
  readonly isFlexClone?: boolean;
  readonly parentVolumeName?: string;
}

export const list = (client: OntapClient, filter: ListVolumesFilter = {}, options?: ListOptions): Promise<Volume[]> =>
  listRecords<Volume>(
    client,
    PATH,
    VOLUME_FIELDS,
    IDENTITY,
    {
      'svm.name': filter.svmName,
      'svm.uuid': filter.svmUuid,
      name: filter.name,
      'nas.path': filter.nasPath,
      'clone.is_flexclone': filter.isFlexClone,
      'clone.parent_volume.name': filter.parentVolumeName,
    },
    options,
  );

export const get = (client: OntapClient, uuid: string, signal?: AbortSignal): Promise<Volume> =>
  getRecord<Volume>(client, `${PATH}/${encodeURIComponent(uuid)}`, VOLUME_FIELDS, IDENTITY, {}, signal);

export const findByName = async (client: OntapClient, svmName: string, name: string): Promise<Volume | undefined> =>
  single(await list(client, { svmName, name }), 'volume', PATH);

export const getByName = async (client: OntapClient, svmName: string, name: string): Promise<Volume> => {
  const volume = await findByName(client, svmName, name);
  if (volume === undefined) throw notFound(PATH, `Volume "${name}" does not exist in SVM "${svmName}"`);
  return volume;
};

/** Maps an FPolicy `VolMsid` to its volume. */
export const findByMsid = async (client: OntapClient, msid: number | string): Promise<Volume | undefined> =>
  single(await listRecords<Volume>(client, PATH, VOLUME_FIELDS, IDENTITY, { msid: String(msid) }), 'volume', PATH);

export interface CreateVolumeInput {
  readonly svm: SvmRef;
  readonly name: string;
  /** Aggregate names; FSx for ONTAP has one called `aggr1`. */
  readonly aggregates: readonly string[];
  /** Bytes. */
  readonly size?: number;
  /** Junction path; omit to create the volume unmounted. */
  readonly nasPath?: string;
  readonly securityStyle?: SecurityStyle;
  readonly comment?: string;
}

/**
 * Creates a volume, waits for the job and returns the new volume; with `wait: false` returns the job
 * (and the new volume's uuid) as soon as ONTAP accepted the request.
 */
export function create(client: OntapClient, input: CreateVolumeInput, options: SubmitOptions): Promise<Submitted>;
export function create(client: OntapClient, input: CreateVolumeInput, options?: MutationOptions): Promise<Volume>;
export async function create(
  client: OntapClient,
  input: CreateVolumeInput,
  options?: MutationOptions | SubmitOptions,
): Promise<Volume | Submitted> {
  const nas: Record<string, string> = {};
  if (input.nasPath !== undefined) nas.path = input.nasPath;
  if (input.securityStyle !== undefined) nas.security_style = input.securityStyle;
  const body = {
    name: input.name,
    svm: svmRefBody(input.svm),
    aggregates: input.aggregates.map((name) => ({ name })),
    ...(input.size === undefined ? {} : { size: input.size }),
    ...(input.comment === undefined ? {} : { comment: input.comment }),
    ...(Object.keys(nas).length === 0 ? {} : { nas }),
  };
  if (isSubmit(options)) return submit(client, 'POST', PATH, body, options);
  await mutate(client, 'POST', PATH, body, options);
  return lookupCreated(client, input.svm, input.name);
}

/** Finds a volume just created by name in the SVM given by name or uuid. */
export const lookupCreated = async (client: OntapClient, svm: SvmRef, name: string): Promise<Volume> => {
  const found = single(
    await list(client, 'name' in svm ? { svmName: svm.name, name } : { svmUuid: svm.uuid, name }),
    'volume',
    PATH,
  );
  if (found === undefined) throw notFound(PATH, `Volume "${name}" was not found after its create job succeeded`);
  return found;
};

export interface PatchVolumeInput {
  readonly state?: 'online' | 'offline' | 'restricted';
  /** `""` unmounts (deactivates the junction). */
  readonly nasPath?: string;
  readonly comment?: string;
  readonly size?: number;
}

const patchBody = (input: PatchVolumeInput): Record<string, unknown> => {
  const body: Record<string, unknown> = {};
  if (input.state !== undefined) body.state = input.state;
  if (input.nasPath !== undefined) body.nas = { path: input.nasPath };
  if (input.comment !== undefined) body.comment = input.comment;
  if (input.size !== undefined) body.size = input.size;
  return body;
};

export function patch(
  client: OntapClient,
  uuid: string,
  input: PatchVolumeInput,
  options: SubmitOptions,
): Promise<Submitted>;
export function patch(
  client: OntapClient,
  uuid: string,
  input: PatchVolumeInput,
  options?: MutationOptions,
): Promise<AsyncResult>;
export function patch(
  client: OntapClient,
  uuid: string,
  input: PatchVolumeInput,
  options?: MutationOptions | SubmitOptions,
): Promise<AsyncResult | Submitted> {
  return mutateOrSubmit(client, 'PATCH', `${PATH}/${encodeURIComponent(uuid)}`, patchBody(input), options);
}

type Settable = 'online' | 'offline' | 'restricted';

export function setState(
  client: OntapClient,
  uuid: string,
  state: Settable,
  options: SubmitOptions,
): Promise<Submitted>;
export function setState(
  client: OntapClient,
  uuid: string,
  state: Settable,
  options?: MutationOptions,
): Promise<AsyncResult>;
export function setState(
  client: OntapClient,
  uuid: string,
  state: Settable,
  options?: MutationOptions | SubmitOptions,
): Promise<AsyncResult | Submitted> {
  return mutateOrSubmit(client, 'PATCH', `${PATH}/${encodeURIComponent(uuid)}`, patchBody({ state }), options);
}

export function mount(client: OntapClient, uuid: string, nasPath: string, options: SubmitOptions): Promise<Submitted>;
export function mount(
  client: OntapClient,
  uuid: string,
  nasPath: string,
  options?: MutationOptions,
): Promise<AsyncResult>;
export function mount(
  client: OntapClient,
  uuid: string,
  nasPath: string,
  options?: MutationOptions | SubmitOptions,
): Promise<AsyncResult | Submitted> {
  return mutateOrSubmit(client, 'PATCH', `${PATH}/${encodeURIComponent(uuid)}`, patchBody({ nasPath }), options);
}

export function unmount(client: OntapClient, uuid: string, options: SubmitOptions): Promise<Submitted>;
export function unmount(client: OntapClient, uuid: string, options?: MutationOptions): Promise<AsyncResult>;
export function unmount(
  client: OntapClient,
  uuid: string,
  options?: MutationOptions | SubmitOptions,
): Promise<AsyncResult | Submitted> {
  return mutateOrSubmit(client, 'PATCH', `${PATH}/${encodeURIComponent(uuid)}`, patchBody({ nasPath: '' }), options);
}

export interface VolumeDeleteFlags {
  /** Skip the recovery queue. */
  readonly force?: boolean;
}

export interface DeleteVolumeOptions extends MutationOptions, VolumeDeleteFlags {}
export interface SubmitDeleteVolumeOptions extends SubmitOptions, VolumeDeleteFlags {}

export function remove(client: OntapClient, uuid: string, options: SubmitDeleteVolumeOptions): Promise<Submitted>;
export function remove(client: OntapClient, uuid: string, options?: DeleteVolumeOptions): Promise<AsyncResult>;
export function remove(
  client: OntapClient,
  uuid: string,
  options: DeleteVolumeOptions | SubmitDeleteVolumeOptions = {},
): Promise<AsyncResult | Submitted> {
  return mutateOrSubmit(
    client,
    'DELETE',
    `${PATH}/${encodeURIComponent(uuid)}`,
    undefined,
    options,
    options.force ? { force: true } : undefined,
  );
}

/**
 * ONTAP refuses to delete a mounted volume: unmount first (if mounted), then delete. With `wait: false`
 * the unmount is still awaited (the delete would be refused before it ends) and only the delete is submitted.
 */
export function unmountAndDelete(
  client: OntapClient,
  uuid: string,
  options: SubmitDeleteVolumeOptions,
): Promise<Submitted>;
export function unmountAndDelete(
  client: OntapClient,
  uuid: string,
  options?: DeleteVolumeOptions,
): Promise<AsyncResult>;
export async function unmountAndDelete(
  client: OntapClient,
  uuid: string,
  options: DeleteVolumeOptions | SubmitDeleteVolumeOptions = {},
): Promise<AsyncResult | Submitted> {
  const volume = await get(client, uuid, options.signal);
  const mounted = volume.nas?.path !== undefined && volume.nas.path !== '';
  if (isSubmit(options)) {
    if (mounted) await unmount(client, uuid, options.signal === undefined ? {} : { signal: options.signal });
    return remove(client, uuid, options);
  }
  if (mounted) await unmount(client, uuid, options);
  return remove(client, uuid, options);
}
