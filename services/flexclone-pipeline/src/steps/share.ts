import { cifsShares, type OntapClient } from '@fsxn/ontap-client';
import type { Plan } from '../domain/input';
import { ontapStep } from './ontap-errors';
import type { JobWaitSettings, Prepared } from './types';
import { jobWait } from './types';

type RunPlan = Extract<Plan, { operation: 'run' }>;

export interface CreatedShare {
  readonly name: string;
  readonly path: string;
  /** False when this execution had already created it (a retried step). */
  readonly created: boolean;
}

/** Shares the clone's junction path over SMB; Prepare made sure the name is free or already ours. */
export const ensureShare = (
  client: OntapClient,
  plan: RunPlan,
  prepared: Prepared,
  wait: JobWaitSettings,
): Promise<CreatedShare | null> =>
  ontapStep('CreateShare', async () => {
    if (plan.share === null) return null;
    const path = plan.clone.junctionPath;
    const [existing] = await cifsShares.list(client, { svmUuid: prepared.svm.uuid, name: plan.share.name });
    if (existing !== undefined && existing.path === path) return { name: plan.share.name, path, created: false };
    await cifsShares.create(
      client,
      {
        svm: { uuid: prepared.svm.uuid },
        name: plan.share.name,
        path,
        ...(plan.share.comment === null ? {} : { comment: plan.share.comment }),
      },
      { wait: jobWait(wait) },
    );
    return { name: plan.share.name, path, created: true };
  });
