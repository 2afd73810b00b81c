import { z } from 'zod';
import type { Plan } from '../domain/input';
import type { StepTiming } from '../domain/report';
import type { Prepared, SnapshotRef, SubmittedClone } from '../steps/types';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The plan was produced by Validate in the same execution; handlers check its kind, not every field again. */
const planOf = <K extends Plan['operation']>(operation: K) =>
  z.custom<Extract<Plan, { operation: K }>>((v) => isRecord(v) && v.operation === operation, {
    message: `expected a "${operation}" plan from the Validate step`,
  });

export const runPlan = planOf('run');
export const cleanupPlan = planOf('cleanup');
export const splitPlan = planOf('split');
export const anyPlan = z.custom<Plan>(
  (v) => isRecord(v) && (v.operation === 'run' || v.operation === 'cleanup' || v.operation === 'split'),
  { message: 'expected a plan from the Validate step' },
);

export const preparedSchema = z.custom<Prepared>(
  (v) =>
    isRecord(v) &&
    isRecord(v.svm) &&
    typeof v.svm.uuid === 'string' &&
    isRecord(v.parent) &&
    typeof v.parent.uuid === 'string',
  { message: 'expected the Prepare step result' },
);
export const snapshotSchema = z.custom<SnapshotRef>(
  (v) => isRecord(v) && typeof v.uuid === 'string' && typeof v.volumeUuid === 'string',
  { message: 'expected the CreateSnapshot step result' },
);
export const submittedSchema = z.custom<SubmittedClone>(
  (v) => isRecord(v) && typeof v.submittedAt === 'string' && (v.jobUuid === null || typeof v.jobUuid === 'string'),
  { message: 'expected the CreateClone step result' },
);

export const timingSchema = z.object({
  startedAt: z.string(),
  ms: z.number().nonnegative(),
  ontapCalls: z.number().int().nonnegative(),
  invocations: z.number().int().nonnegative(),
});

/** A looping step's previous result: its attempt counter and running timing (zeroed by a Pass first). */
export const loopStateSchema = z.object({ attempt: z.number().int().nonnegative(), timing: timingSchema.optional() });

/** Runs one step body and measures it: wall time and the ONTAP requests it sent. */
export const timed = async <T>(
  calls: () => number,
  work: () => Promise<T>,
): Promise<{ result: T; timing: StepTiming }> => {
  const startedAt = new Date();
  const before = calls();
  const result = await work();
  return {
    result,
    timing: {
      startedAt: startedAt.toISOString(),
      ms: Date.now() - startedAt.getTime(),
      ontapCalls: calls() - before,
      invocations: 1,
    },
  };
};
