import type { AsyncResult, Submitted } from '../jobs';
import type { ListOptions, MutationOptions, SubmitOptions } from '../resource-helpers';
import {
  getRecord,
  isSubmit,
  listRecords,
  mutate,
  mutateOrSubmit,
  notFound,
  single,
  submit,
} from '../resource-helpers';
import type { OntapClient } from '../transport';

export interface Snapshot {
  readonly uuid: string;
  readonly name: string;
  readonly create_time?: string;
  readonly comment?: string;
  readonly expiry_time?: string;
  readonly snapmirror_label?: string;
  readonly state?: 'valid' | 'invalid' | 'partial';
  readonly size?: number;
  readonly svm?: { readonly name?: string; readonly uuid?: string };
  readonly volume?: { readonly name?: string; readonly uuid?: string };
  /** E.g. `volume_clone` while a FlexClone depends on this snapshot; omitted when empty. */
  readonly owners?: readonly string[];
}

const collection = (volumeUuid: string) => `/storage/volumes/${encodeURIComponent(volumeUuid)}/snapshots`;

/** Valid for `/storage/volumes/{volume.uuid}/snapshots` (`volume.name`, `owners` are catalog filter keys). */
export const SNAPSHOT_FIELDS = [
  'uuid',
  'name',
  'create_time',
  'comment',
  'expiry_time',
  'snapmirror_label',
  'state',
  'size',
  'svm',
  'volume.name',
  'owners',
] as const;

export const list = (
  client: OntapClient,
  volumeUuid: string,
  filter: { readonly name?: string } = {},
  options?: ListOptions,
): Promise<Snapshot[]> =>
  listRecords<Snapshot>(
    client,
    collection(volumeUuid),
    SNAPSHOT_FIELDS,
    ['uuid', 'name'],
    { name: filter.name },
    options,
  );

export const get = (client: OntapClient, volumeUuid: string, uuid: string, signal?: AbortSignal): Promise<Snapshot> =>
  getRecord<Snapshot>(
    client,
    `${collection(volumeUuid)}/${encodeURIComponent(uuid)}`,
    SNAPSHOT_FIELDS,
    ['uuid', 'name'],
    {},
    signal,
  );

export const findByName = async (
  client: OntapClient,
  volumeUuid: string,
  name: string,
): Promise<Snapshot | undefined> =>
  single(await list(client, volumeUuid, { name }), 'snapshot', collection(volumeUuid));

export interface CreateSnapshotInput {
  readonly name: string;
  readonly comment?: string;
  readonly snapmirrorLabel?: string;
  /** ISO-8601 date-time. */
  readonly expiryTime?: string;
}

/**
 * Creates a snapshot, waits for the job and returns it; with `wait: false` returns the job (and the
 * snapshot's uuid) as soon as ONTAP accepted the request.
 */
export function create(
  client: OntapClient,
  volumeUuid: string,
  input: CreateSnapshotInput,
  options: SubmitOptions,
): Promise<Submitted>;
export function create(
  client: OntapClient,
  volumeUuid: string,
  input: CreateSnapshotInput,
  options?: MutationOptions,
): Promise<Snapshot>;
export async function create(
  client: OntapClient,
  volumeUuid: string,
  input: CreateSnapshotInput,
  options?: MutationOptions | SubmitOptions,
): Promise<Snapshot | Submitted> {
  const body = {
    name: input.name,
    ...(input.comment === undefined ? {} : { comment: input.comment }),
    ...(input.snapmirrorLabel === undefined ? {} : { snapmirror_label: input.snapmirrorLabel }),
    ...(input.expiryTime === undefined ? {} : { expiry_time: input.expiryTime }),
  };
  if (isSubmit(options)) return submit(client, 'POST', collection(volumeUuid), body, options);
  await mutate(client, 'POST', collection(volumeUuid), body, options);
  const created = await findByName(client, volumeUuid, input.name);
  if (created === undefined)
    throw notFound(collection(volumeUuid), `Snapshot "${input.name}" was not found after its create job succeeded`);
  return created;
}

/** Refused (job failure 1638555) while the snapshot is locked or backs a FlexClone. */
export function remove(
  client: OntapClient,
  volumeUuid: string,
  uuid: string,
  options: SubmitOptions,
): Promise<Submitted>;
export function remove(
  client: OntapClient,
  volumeUuid: string,
  uuid: string,
  options?: MutationOptions,
): Promise<AsyncResult>;
export function remove(
  client: OntapClient,
  volumeUuid: string,
  uuid: string,
  options?: MutationOptions | SubmitOptions,
): Promise<AsyncResult | Submitted> {
  return mutateOrSubmit(client, 'DELETE', `${collection(volumeUuid)}/${encodeURIComponent(uuid)}`, undefined, options);
}
