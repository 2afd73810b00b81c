import { z } from 'zod';
import { JOB_ID_PATTERN } from '../domain/names';

/** The plan as the state machine passes it between steps (built by Start from the validated job). */
export const planSchema = z.object({
  jobId: z.string().regex(JOB_ID_PATTERN),
  cacheName: z.string().min(1),
  junctionPath: z.string().startsWith('/'),
  svmName: z.string().min(1),
  origin: z.object({ volume: z.string().min(1), svm: z.string().min(1) }),
  sizeBytes: z.number().int().positive().nullable(),
  aggregates: z.array(z.string().min(1)).nullable(),
  prepopulate: z.object({ dirPaths: z.array(z.string()), excludeDirPaths: z.array(z.string()) }).nullable(),
  files: z.object({ prefix: z.string(), suffixes: z.array(z.string()), maxFiles: z.number().int().positive() }),
  timeouts: z.object({ processingSeconds: z.number().int().positive() }),
  wait: z.object({ pollSeconds: z.number().int().positive(), maxChecks: z.number().int().positive() }),
  accessPoint: z.discriminatedUnion('mode', [
    z.object({
      mode: z.literal('attach'),
      name: z.string().min(3),
      fileSystemId: z.string().min(1),
      identity: z.object({ type: z.enum(['UNIX', 'WINDOWS']), user: z.string().min(1) }),
    }),
    z.object({ mode: z.literal('fixed'), alias: z.string().min(1) }),
  ]),
});

export const submittedJobSchema = z.object({ jobUuid: z.string().nullable(), submittedAt: z.string().min(1) });

/** What every loop iteration passes back to itself: checks so far and ONTAP calls so far. */
export const loopSchema = z.object({
  attempt: z.number().int().nonnegative(),
  ontapCalls: z.number().int().nonnegative().default(0),
});

export const executionArn = z.string().min(1);
