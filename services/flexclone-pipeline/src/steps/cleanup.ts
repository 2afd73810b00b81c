import { cifsShares, type OntapClient, snapshots, svms, volumes } from '@fsxn/ontap-client';
import { ResourceNotFoundError } from '../domain/errors';
import { absentOn404, ontapStep } from './ontap-errors';
import { type JobWaitSettings, jobWait } from './types';

/** What to remove, and the proof of ownership each removal needs (never delete what the run did not make). */
export interface CleanupTarget {
  readonly svmName: string;
  readonly share: { readonly name: string } | null;
  readonly clone: {
    readonly name: string;
    /** Run cleanup: the clone must have been made from this snapshot. Null: it must merely be a FlexClone. */
    readonly parentSnapshotName: string | null;
    /** Where the run mounted it (share ownership is checked against it while the clone is gone). */
    readonly junctionPath: string | null;
  };
  /** Null: keep the snapshot (an existing one the user named). */
  readonly snapshot: {
    readonly volumeName: string;
    readonly name: string;
    /** The execution tag the snapshot's comment must carry; null for an explicit cleanup request. */
    readonly requireTag: string | null;
  } | null;
}

export type CleanupAction =
  | { readonly action: 'deleted' }
  | { readonly action: 'absent' }
  | { readonly action: 'not-requested' }
  | { readonly action: 'kept'; readonly reason: string };

export interface CleanupOutcome {
  readonly share: CleanupAction;
  readonly clone: CleanupAction & { readonly unmounted?: boolean };
  readonly snapshot: CleanupAction;
}

const NOT_REQUESTED: CleanupAction = { action: 'not-requested' };

/**
 * Removes the share, unmounts and deletes the clone (force: no recovery queue, whose surviving clone
 * relationship would keep the snapshot busy), then deletes the snapshot. Each part is idempotent: a 404
 * or a missing object is `absent`, so the step can be retried and a cleanup can follow a half-cleaned run.
 */
export const cleanUp = (client: OntapClient, target: CleanupTarget, wait: JobWaitSettings): Promise<CleanupOutcome> =>
  ontapStep('Cleanup', async () => {
    const options = { wait: jobWait(wait) };
    const svm = await svms.findByName(client, target.svmName);
    if (svm === undefined) throw new ResourceNotFoundError(`SVM "${target.svmName}" does not exist`);
    const clone = await volumes.findByName(client, svm.name, target.clone.name);
    const cloneJunction = clone?.nas?.path || target.clone.junctionPath;

    let share: CleanupAction = NOT_REQUESTED;
    if (target.share !== null) {
      const name = target.share.name;
      const [found] = await cifsShares.list(client, { svmUuid: svm.uuid, name });
      if (found === undefined) share = { action: 'absent' };
      else if (found.volume?.name !== target.clone.name && (cloneJunction === null || found.path !== cloneJunction)) {
        share = { action: 'kept', reason: `share "${name}" exposes "${found.path ?? ''}", not the clone` };
      } else {
        const removed = await absentOn404(() => cifsShares.remove(client, svm.uuid, name, options));
        share = removed === 'absent' ? { action: 'absent' } : { action: 'deleted' };
      }
    }

    let cloneAction: CleanupOutcome['clone'];
    if (clone === undefined) cloneAction = { action: 'absent' };
    else if (clone.clone?.is_flexclone !== true) {
      cloneAction = { action: 'kept', reason: `volume "${clone.name}" is not a FlexClone (split or never a clone)` };
    } else if (
      target.clone.parentSnapshotName !== null &&
      clone.clone.parent_snapshot?.name !== target.clone.parentSnapshotName
    ) {
      cloneAction = { action: 'kept', reason: `volume "${clone.name}" was not cloned from this run's snapshot` };
    } else {
      const mounted = clone.nas?.path !== undefined && clone.nas.path !== '';
      const unmounted = mounted ? await absentOn404(() => volumes.unmount(client, clone.uuid, options)) : 'absent';
      const removed = await absentOn404(() => volumes.remove(client, clone.uuid, { ...options, force: true }));
      cloneAction =
        removed === 'absent'
          ? { action: 'absent' }
          : { action: 'deleted', unmounted: mounted && unmounted !== 'absent' };
    }

    let snapshot: CleanupAction = NOT_REQUESTED;
    if (target.snapshot !== null) {
      const wanted = target.snapshot;
      const parent = await volumes.findByName(client, svm.name, wanted.volumeName);
      const found = parent === undefined ? undefined : await snapshots.findByName(client, parent.uuid, wanted.name);
      if (parent === undefined || found === undefined) snapshot = { action: 'absent' };
      else if (wanted.requireTag !== null && found.comment !== wanted.requireTag) {
        snapshot = { action: 'kept', reason: `snapshot "${wanted.name}" was not taken by this run` };
      } else {
        const removed = await absentOn404(() => snapshots.remove(client, parent.uuid, found.uuid, options));
        snapshot = removed === 'absent' ? { action: 'absent' } : { action: 'deleted' };
      }
    }
    return { share, clone: cloneAction, snapshot };
  });
