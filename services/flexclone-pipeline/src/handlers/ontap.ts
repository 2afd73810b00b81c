import { createHandler } from '@fsxn/lambda-kit';
import { z } from 'zod';
import { ontapConfig, SERVICE_ID } from '../config';
import type { Plan } from '../domain/input';
import { accumulate } from '../domain/report';
import { ontapRuntime } from '../runtime';
import { type CleanupTarget, cleanUp } from '../steps/cleanup';
import { checkOnline as checkOnlineStep, submitClone } from '../steps/clone';
import { prepareRun } from '../steps/prepare';
import { ensureShare } from '../steps/share';
import { ensureSnapshot } from '../steps/snapshot';
import { checkSplit as checkSplitStep, startSplit as startSplitStep } from '../steps/split';
import {
  anyPlan,
  loopStateSchema,
  preparedSchema,
  runPlan,
  snapshotSchema,
  splitPlan,
  submittedSchema,
  timed,
} from './events';

/**
 * The steps that call the ONTAP management API; each is its own Lambda function inside the VPC. The
 * client is built once per cold start; every result carries the step's timing and ONTAP call count.
 */
const config = ontapConfig();
const ontap = ontapRuntime(config);
const { client } = ontap;
const measure = <T>(work: () => Promise<T>) => timed(ontap.calls, work);
const executionArn = z.string().min(1);

export const prepare = createHandler(
  { service: SERVICE_ID, schema: z.object({ executionArn, plan: runPlan }) },
  async (event) => {
    const { result, timing } = await measure(() => prepareRun(client, event.plan));
    return { ...result, timing };
  },
);

export const createSnapshot = createHandler(
  { service: SERVICE_ID, schema: z.object({ executionArn, plan: runPlan, prepared: preparedSchema }) },
  async (event) => {
    const { result, timing } = await measure(() => ensureSnapshot(client, event.plan, event.prepared, ontap.jobWait));
    return { ...result, timing };
  },
);

export const createClone = createHandler(
  {
    service: SERVICE_ID,
    schema: z.object({ executionArn, plan: runPlan, prepared: preparedSchema, snapshot: snapshotSchema }),
  },
  async (event) => {
    const { result, timing } = await measure(() => submitClone(client, event.plan, event.prepared, event.snapshot));
    return { ...result, timing };
  },
);

export const checkOnline = createHandler(
  {
    service: SERVICE_ID,
    schema: z.object({
      executionArn,
      plan: runPlan,
      prepared: preparedSchema,
      submitted: submittedSchema,
      previous: loopStateSchema,
    }),
  },
  async (event, ctx) => {
    const { result, timing } = await measure(() =>
      checkOnlineStep(client, event.plan, event.prepared, event.submitted, event.previous.attempt),
    );
    ctx.log.info({ attempt: result.attempt, online: result.online, reason: result.reason }, 'clone checked');
    return { ...result, timing: accumulate(event.previous.timing, timing) };
  },
);

export const createShare = createHandler(
  { service: SERVICE_ID, schema: z.object({ executionArn, plan: runPlan, prepared: preparedSchema }) },
  async (event) => {
    const { result, timing } = await measure(() => ensureShare(client, event.plan, event.prepared, ontap.jobWait));
    return { share: result, timing };
  },
);

/** What a run's cleanup may remove (only what the run made) or what an explicit cleanup request names. */
export const cleanupTargetOf = (plan: Plan): CleanupTarget => {
  if (plan.operation === 'cleanup') {
    return {
      svmName: plan.svmName,
      share: plan.shareName === null ? null : { name: plan.shareName },
      clone: { name: plan.clone.name, parentSnapshotName: plan.snapshot?.name ?? null, junctionPath: null },
      snapshot:
        plan.snapshot === null
          ? null
          : { volumeName: plan.snapshot.volume, name: plan.snapshot.name, requireTag: null },
    };
  }
  if (plan.operation === 'split') {
    return {
      svmName: plan.svmName,
      share: null,
      clone: { name: plan.clone.name, parentSnapshotName: null, junctionPath: null },
      snapshot: null,
    };
  }
  return {
    svmName: plan.svmName,
    share: plan.share === null ? null : { name: plan.share.name },
    clone: { name: plan.clone.name, parentSnapshotName: plan.snapshot.name, junctionPath: plan.clone.junctionPath },
    snapshot: plan.snapshot.reuse
      ? null
      : { volumeName: plan.parentVolume, name: plan.snapshot.name, requireTag: plan.snapshot.tag },
  };
};

export const cleanup = createHandler(
  { service: SERVICE_ID, schema: z.object({ executionArn, plan: anyPlan }) },
  async (event, ctx) => {
    const { result, timing } = await measure(() => cleanUp(client, cleanupTargetOf(event.plan), ontap.jobWait));
    ctx.log.info({ outcome: result }, 'cleanup finished');
    return { ...result, timing };
  },
);

export const startSplit = createHandler(
  { service: SERVICE_ID, schema: z.object({ executionArn, plan: splitPlan }) },
  async (event) => {
    const { result, timing } = await measure(() =>
      startSplitStep(client, event.plan.svmName, event.plan.clone.name, ontap.jobWait),
    );
    return { ...result, timing };
  },
);

export const checkSplit = createHandler(
  {
    service: SERVICE_ID,
    schema: z.object({ executionArn, cloneUuid: z.string().min(1), previous: loopStateSchema }),
  },
  async (event) => {
    const { result, timing } = await measure(() => checkSplitStep(client, event.cloneUuid, event.previous.attempt));
    return { ...result, timing: accumulate(event.previous.timing, timing) };
  },
);
