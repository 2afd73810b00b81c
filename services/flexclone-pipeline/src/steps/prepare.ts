import { cifsShares, type OntapClient, snapshots, svms, volumes } from '@fsxn/ontap-client';
import { ResourceConflictError, ResourceNotFoundError, SecurityStyleMismatchError } from '../domain/errors';
import type { Plan } from '../domain/input';
import { ontapStep } from './ontap-errors';
import type { Prepared } from './types';

type RunPlan = Extract<Plan, { operation: 'run' }>;

/**
 * Read-only checks before anything is created: the SVM and parent exist, the parent is online, the
 * requested security style is the parent's (a clone inherits it and ONTAP refuses it on clone create),
 * and the clone name, junction path and share name are free, or held by this same execution's clone (a
 * retried run picks up where it stopped).
 */
export const prepareRun = (client: OntapClient, plan: RunPlan): Promise<Prepared> =>
  ontapStep('Prepare', async () => {
    const svm = await svms.findByName(client, plan.svmName);
    if (svm === undefined) throw new ResourceNotFoundError(`SVM "${plan.svmName}" does not exist`);
    const parent = await volumes.findByName(client, svm.name, plan.parentVolume);
    if (parent === undefined) {
      throw new ResourceNotFoundError(`parent volume "${plan.parentVolume}" does not exist in SVM "${svm.name}"`);
    }
    if (parent.state !== 'online') {
      throw new ResourceConflictError(`parent volume "${parent.name}" is ${parent.state ?? 'not online'}`);
    }
    const style = parent.nas?.security_style ?? null;
    if (plan.securityStyle !== null && style !== plan.securityStyle) {
      throw new SecurityStyleMismatchError(
        `securityStyle "${plan.securityStyle}" was requested but parent volume "${parent.name}" is "${style ?? 'unknown'}"; a FlexClone inherits its parent's security style`,
      );
    }

    const existing = await volumes.findByName(client, svm.name, plan.clone.name);
    const ours =
      existing?.clone?.parent_snapshot?.name === plan.snapshot.name &&
      existing.clone.parent_volume?.uuid === parent.uuid;
    if (existing !== undefined && !ours) {
      throw new ResourceConflictError(`a volume named "${plan.clone.name}" already exists in SVM "${svm.name}"`);
    }
    const atJunction = await volumes.list(client, { svmUuid: svm.uuid, nasPath: plan.clone.junctionPath });
    const holder = atJunction.find((v) => v.uuid !== existing?.uuid);
    if (holder !== undefined) {
      throw new ResourceConflictError(`junction path "${plan.clone.junctionPath}" is used by volume "${holder.name}"`);
    }
    if (plan.snapshot.reuse) {
      const snapshot = await snapshots.findByName(client, parent.uuid, plan.snapshot.name);
      if (snapshot === undefined) {
        throw new ResourceNotFoundError(`snapshot "${plan.snapshot.name}" does not exist on volume "${parent.name}"`);
      }
    }
    if (plan.share !== null) {
      const [share] = await cifsShares.list(client, { svmUuid: svm.uuid, name: plan.share.name });
      if (share !== undefined && share.path !== plan.clone.junctionPath) {
        throw new ResourceConflictError(
          `CIFS share "${plan.share.name}" already exists for path "${share.path ?? ''}"`,
        );
      }
    }
    return {
      svm: { name: svm.name, uuid: svm.uuid },
      parent: { name: parent.name, uuid: parent.uuid, securityStyle: style, junctionPath: parent.nas?.path ?? null },
    };
  });
