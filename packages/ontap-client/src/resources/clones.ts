import type { MutationOptions, SvmRef } from '../resource-helpers';
import { mutate, svmRefBody } from '../resource-helpers';
import type { OntapClient } from '../transport';
import { type DeleteVolumeOptions, get, lookupCreated, unmountAndDelete, type Volume } from './volumes';

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

/** A FlexClone is a volume POST with a `clone` object; waits for the job and returns the clone. */
export const create = async (
  client: OntapClient,
  input: CreateCloneInput,
  options?: MutationOptions,
): Promise<Volume> => {
  await mutate(
    client,
    'POST',
    '/storage/volumes',
    {
      name: input.name,
      svm: svmRefBody(input.svm),
      clone: {
        is_flexclone: true,
        parent_volume: ref(input.parentVolume),
        ...(input.parentSnapshot === undefined ? {} : { parent_snapshot: ref(input.parentSnapshot) }),
      },
      ...(input.nasPath === undefined ? {} : { nas: { path: input.nasPath } }),
    },
    options,
  );
  return lookupCreated(client, input.svm, input.name);
};

/** Starts splitting the clone from its parent (the job returns when the split has been initiated). */
export const startSplit = (client: OntapClient, cloneUuid: string, options?: MutationOptions) =>
  mutate(
    client,
    'PATCH',
    `/storage/volumes/${encodeURIComponent(cloneUuid)}`,
    { clone: { split_initiated: true } },
    options,
  );

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

/** Unmounts (if mounted) and deletes the clone, releasing the parent snapshot. */
export const remove = (client: OntapClient, cloneUuid: string, options?: DeleteVolumeOptions) =>
  unmountAndDelete(client, cloneUuid, options);
