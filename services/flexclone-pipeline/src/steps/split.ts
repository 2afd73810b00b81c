import { clones, type OntapClient, volumes } from '@fsxn/ontap-client';
import { CloneSplitError, ResourceNotFoundError } from '../domain/errors';
import { decideSplit } from '../domain/progress';
import { ontapStep } from './ontap-errors';
import { type JobWaitSettings, jobWait } from './types';

export interface SplitStarted {
  readonly clone: { readonly uuid: string; readonly name: string };
  readonly parentSnapshot: string | null;
}

/** Starts splitting a FlexClone from its parent (the PATCH job returns once the split has begun). */
export const startSplit = (
  client: OntapClient,
  svmName: string,
  cloneName: string,
  wait: JobWaitSettings,
): Promise<SplitStarted> =>
  ontapStep('StartSplit', async () => {
    const clone = await volumes.findByName(client, svmName, cloneName);
    if (clone === undefined)
      throw new ResourceNotFoundError(`volume "${cloneName}" does not exist in SVM "${svmName}"`);
    if (clone.clone?.is_flexclone !== true) throw new CloneSplitError(`volume "${cloneName}" is not a FlexClone`);
    if (clone.clone.split_initiated !== true) await clones.startSplit(client, clone.uuid, { wait: jobWait(wait) });
    return { clone: { uuid: clone.uuid, name: clone.name }, parentSnapshot: clone.clone.parent_snapshot?.name ?? null };
  });

export interface SplitCheck {
  readonly done: boolean;
  readonly percentComplete: number;
  readonly attempt: number;
}

/** One look at `clone.split_complete_percent`; done once the volume is no longer a FlexClone. */
export const checkSplit = (client: OntapClient, cloneUuid: string, attempt: number): Promise<SplitCheck> =>
  ontapStep('CheckSplit', async () => {
    const decision = decideSplit(await clones.getSplitStatus(client, cloneUuid));
    if (decision.status === 'failed') throw new CloneSplitError(decision.reason);
    return {
      done: decision.status === 'done',
      percentComplete: decision.status === 'done' ? 100 : decision.percentComplete,
      attempt: attempt + 1,
    };
  });
