/** What one look at ONTAP saw of the clone-create job and of the clone volume. */
export interface CloneObservation {
  /** `none`: the create finished inside the submit call; `purged`: ONTAP already deleted the job record. */
  readonly jobState: 'queued' | 'running' | 'paused' | 'success' | 'failure' | 'none' | 'purged';
  /** Undefined while the volume does not exist yet. */
  readonly volume: { readonly state: string | undefined; readonly junctionPath: string | undefined } | undefined;
  readonly expectedJunctionPath: string;
}

export type OnlineDecision =
  | { readonly status: 'online' }
  | { readonly status: 'pending'; readonly reason: string }
  | { readonly status: 'failed'; readonly reason: string };

const JOB_DONE = new Set(['success', 'none', 'purged']);

/**
 * The clone is ready when its create job has ended well and the volume is online and mounted where asked.
 * Anything else is pending (the state machine waits and looks again, a bounded number of times), except
 * states that cannot turn into success by waiting.
 */
export const decideOnline = (seen: CloneObservation): OnlineDecision => {
  if (seen.jobState === 'failure') return { status: 'failed', reason: 'the clone create job failed' };
  if (!JOB_DONE.has(seen.jobState)) return { status: 'pending', reason: `clone create job ${seen.jobState}` };
  if (seen.volume === undefined) {
    // The job succeeded (or was purged) but no volume exists: nothing will create it later.
    return { status: 'failed', reason: 'the clone create job ended but the clone volume does not exist' };
  }
  if (seen.volume.state === 'error') return { status: 'failed', reason: 'the clone volume is in state error' };
  if (seen.volume.state !== 'online')
    return { status: 'pending', reason: `clone volume ${seen.volume.state ?? 'unknown'}` };
  if (seen.volume.junctionPath !== seen.expectedJunctionPath) {
    return {
      status: 'failed',
      reason: `the clone is online but mounted at "${seen.volume.junctionPath ?? ''}", not "${seen.expectedJunctionPath}"`,
    };
  }
  return { status: 'online' };
};

/** What a look at a splitting clone saw. */
export interface SplitObservation {
  readonly isFlexClone: boolean;
  readonly splitInitiated: boolean;
  readonly percentComplete: number | undefined;
}

export type SplitDecision =
  | { readonly status: 'done' }
  | { readonly status: 'pending'; readonly percentComplete: number }
  | { readonly status: 'failed'; readonly reason: string };

/** A split is done when ONTAP no longer reports the volume as a FlexClone. */
export const decideSplit = (seen: SplitObservation): SplitDecision => {
  if (!seen.isFlexClone) return { status: 'done' };
  if (!seen.splitInitiated)
    return { status: 'failed', reason: 'the split is no longer running but the volume is still a FlexClone' };
  return { status: 'pending', percentComplete: seen.percentComplete ?? 0 };
};
