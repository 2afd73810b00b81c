import type { AsyncResult, Submitted } from '../jobs';
import type { MutationOptions, SubmitOptions, SvmRef } from '../resource-helpers';
import { isSubmit, mutate, mutateOrSubmit, submit, svmRefBody } from '../resource-helpers';
import type { OntapClient } from '../transport';
import {
  type DeleteVolumeOptions,
  get,
  lookupCreated,
  type SubmitDeleteVolumeOptions,
  unmountAndDelete,
  type Volume,
} from './volumes';

type NameOrUuid = { readonly name: string } | { readonly uuid: string };

export interface CreateCloneInput {
  readonly svm: SvmRef;
  readonly name: string;
  readonly parentVolume: NameOrUuid;
  /** Omit to let ONTAP take a fresh snapshot of the parent. */
  readonly parentSnapshot?: NameOrUuid;
  /** Junction path of the clone; omit to leave it unmounted. The security style is inherited. */
  readonly nasPath?: string;
}

const ref = (value: NameOrUuid) => ('name' in value ? { name: value.name } : { uuid: value.uuid });

/**
 * A FlexClone is a volume POST with a `clone` object; waits for the job and returns the clone. With
 * `wait: false` returns the job (and the clone's uuid) as soon as ONTAP accepted the request.
 */
export function create(client: OntapClient, input: CreateCloneInput, options: SubmitOptions): Promise<Submitted>;
export function create(client: OntapClient, input: CreateCloneInput, options?: MutationOptions): Promise<Volume>;
export async function create(
  client: OntapClient,
  input: CreateCloneInput,
  options?: MutationOptions | SubmitOptions,
): Promise<Volume | Submitted> {
  const body = {
    name: input.name,
    svm: svmRefBody(input.svm),
    clone: {
      is_flexclone: true,
      parent_volume: ref(input.parentVolume),
      ...(input.parentSnapshot === undefined ? {} : { parent_snapshot: ref(input.parentSnapshot) }),
    },
    ...(input.nasPath === undefined ? {} : { nas: { path: input.nasPath } }),
  };
  if (isSubmit(options)) return submit(client, 'POST', '/storage/volumes', body, options);
  await mutate(client, 'POST', '/storage/volumes', body, options);
  return lookupCreated(client, input.svm, input.name);
}

/** Starts splitting the clone from its parent (the job returns when the split has been initiated). */
export function startSplit(client: OntapClient, cloneUuid: string, options: SubmitOptions): Promise<Submitted>;
export function startSplit(client: OntapClient, cloneUuid: string, options?: MutationOptions): Promise<AsyncResult>;
export function startSplit(
  client: OntapClient,
  cloneUuid: string,
  options?: MutationOptions | SubmitOptions,
): Promise<AsyncResult | Submitted> {
  return mutateOrSubmit(
    client,
    'PATCH',
    `/storage/volumes/${encodeURIComponent(cloneUuid)}`,
    { clone: { split_initiated: true } },
    options,
  );
}

export interface SplitStatus {
  /** False once the split has completed: the volume is then independent. */
  readonly isFlexClone: boolean;
  readonly splitInitiated: boolean;
  /** Progress while splitting; undefined when no split runs. */
  readonly percentComplete: number | undefined;
}

export const getSplitStatus = async (client: OntapClient, cloneUuid: string): Promise<SplitStatus> => {
  const volume = await get(client, cloneUuid);
  const percent = volume.clone?.split_complete_percent;
  return {
    isFlexClone: volume.clone?.is_flexclone === true,
    splitInitiated: volume.clone?.split_initiated === true,
    percentComplete: typeof percent === 'number' ? percent : undefined,
  };
};

/**
 * Unmounts (if mounted) and deletes the clone, releasing the parent snapshot. With `wait: false` the
 * unmount is awaited and the delete submitted.
 */
export function remove(client: OntapClient, cloneUuid: string, options: SubmitDeleteVolumeOptions): Promise<Submitted>;
export function remove(client: OntapClient, cloneUuid: string, options?: DeleteVolumeOptions): Promise<AsyncResult>;
export function remove(
  client: OntapClient,
  cloneUuid: string,
  options?: DeleteVolumeOptions | SubmitDeleteVolumeOptions,
): Promise<AsyncResult | Submitted> {
  return isSubmit(options)
    ? unmountAndDelete(client, cloneUuid, options)
    : unmountAndDelete(client, cloneUuid, options);
}
