import { OntapJobFailed } from '@fsxn/ontap-automation';
import { clones, jobs, type OntapClient, OntapNotFoundError, volumes } from '@fsxn/ontap-client';
import { ResourceConflictError } from '../domain/errors';
import type { Plan } from '../domain/input';
import { type CloneObservation, decideOnline } from '../domain/progress';
import { ontapStep } from './ontap-errors';
import type { Prepared, SnapshotRef, SubmittedClone } from './types';

type RunPlan = Extract<Plan, { operation: 'run' }>;

/**
 * Sends the FlexClone create and returns without waiting for its job (`wait: false`): the state machine
 * waits (Wait + CheckOnline + Choice), not a sleeping Lambda. A clone this execution already created is
 * picked up as is.
 */
export const submitClone = (
  client: OntapClient,
  plan: RunPlan,
  prepared: Prepared,
  snapshot: SnapshotRef,
  now: () => Date = () => new Date(),
): Promise<SubmittedClone> =>
  ontapStep('CreateClone', async () => {
    const submittedAt = now().toISOString();
    const existing = await volumes.findByName(client, prepared.svm.name, plan.clone.name);
    if (existing !== undefined) {
      if (existing.clone?.parent_snapshot?.uuid !== snapshot.uuid) {
        throw new ResourceConflictError(`a volume named "${plan.clone.name}" exists and is not this run's clone`);
      }
      return { jobUuid: null, submittedAt };
    }
    const submitted = await clones.create(
      client,
      {
        svm: { uuid: prepared.svm.uuid },
        name: plan.clone.name,
        parentVolume: { uuid: prepared.parent.uuid },
        parentSnapshot: { uuid: snapshot.uuid },
        nasPath: plan.clone.junctionPath,
      },
      { wait: false },
    );
    return { jobUuid: submitted.jobUuid ?? null, submittedAt };
  });

export interface OnlineCheck {
  readonly online: boolean;
  /** Checks made so far, this one included; the state machine's Choice bounds it. */
  readonly attempt: number;
  readonly reason: string | null;
  readonly jobState: CloneObservation['jobState'];
  readonly clone: { readonly uuid: string; readonly name: string; readonly junctionPath: string } | null;
  readonly at: string;
}

/** ONTAP deletes finished jobs after 300 s; a 404 sooner means the uuid never was a job. */
const JOB_PURGE_MS = 300_000;

/** One look at the create job and the clone volume; a failed job or a broken clone is a named error. */
export const checkOnline = (
  client: OntapClient,
  plan: RunPlan,
  prepared: Prepared,
  submitted: SubmittedClone,
  attempt: number,
  now: () => Date = () => new Date(),
): Promise<OnlineCheck> =>
  ontapStep('CheckOnline', async () => {
    let jobState: CloneObservation['jobState'] = 'none';
    if (submitted.jobUuid !== null) {
      try {
        const job = await jobs.get(client, submitted.jobUuid);
        jobState = job.state;
        if (job.state === 'failure') {
          throw new OntapJobFailed('CreateClone', {
            uuid: job.uuid,
            code: String(job.error?.code ?? job.code ?? ''),
            message: job.error?.message ?? job.message ?? 'job failed',
          });
        }
      } catch (error) {
        const age = now().getTime() - Date.parse(submitted.submittedAt);
        if (!(error instanceof OntapNotFoundError) || age < JOB_PURGE_MS) throw error;
        jobState = 'purged';
      }
    }
    const volume = await volumes.findByName(client, prepared.svm.name, plan.clone.name);
    const decision = decideOnline({
      jobState,
      volume: volume === undefined ? undefined : { state: volume.state, junctionPath: volume.nas?.path },
      expectedJunctionPath: plan.clone.junctionPath,
    });
    if (decision.status === 'failed') throw new ResourceConflictError(`CheckOnline: ${decision.reason}`);
    return {
      online: decision.status === 'online',
      attempt: attempt + 1,
      reason: decision.status === 'pending' ? decision.reason : null,
      jobState,
      clone:
        volume === undefined
          ? null
          : { uuid: volume.uuid, name: volume.name, junctionPath: volume.nas?.path ?? plan.clone.junctionPath },
      at: now().toISOString(),
    };
  });
