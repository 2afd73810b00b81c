import { type OntapClient, snapshots } from '@fsxn/ontap-client';
import { ResourceConflictError, ResourceNotFoundError } from '../domain/errors';
import type { Plan } from '../domain/input';
import { ontapStep } from './ontap-errors';
import { type JobWaitSettings, jobWait, type Prepared, type SnapshotRef } from './types';

type RunPlan = Extract<Plan, { operation: 'run' }>;

/**
 * Takes the run's snapshot of the parent (waiting for its short job), or picks up the one this execution
 * already took (its comment carries the execution tag), or the existing snapshot the input named.
 */
export const ensureSnapshot = (
  client: OntapClient,
  plan: RunPlan,
  prepared: Prepared,
  wait: JobWaitSettings,
): Promise<SnapshotRef> =>
  ontapStep('CreateSnapshot', async () => {
    const volumeUuid = prepared.parent.uuid;
    const existing = await snapshots.findByName(client, volumeUuid, plan.snapshot.name);
    if (plan.snapshot.reuse) {
      if (existing === undefined) throw new ResourceNotFoundError(`snapshot "${plan.snapshot.name}" no longer exists`);
      return { volumeUuid, uuid: existing.uuid, name: existing.name, createdByRun: false };
    }
    if (existing !== undefined) {
      if (existing.comment !== plan.snapshot.tag) {
        throw new ResourceConflictError(
          `snapshot "${plan.snapshot.name}" already exists on "${prepared.parent.name}" and was not taken by this execution`,
        );
      }
      return { volumeUuid, uuid: existing.uuid, name: existing.name, createdByRun: true };
    }
    const created = await snapshots.create(
      client,
      volumeUuid,
      { name: plan.snapshot.name, comment: plan.snapshot.tag },
      { wait: jobWait(wait) },
    );
    return { volumeUuid, uuid: created.uuid, name: created.name, createdByRun: true };
  });
