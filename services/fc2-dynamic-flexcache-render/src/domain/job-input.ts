import { z } from 'zod';
import { InvalidJobError } from './errors';
import {
  accessPointNameOf,
  cacheNameOf,
  JOB_ID_PATTERN,
  junctionPathOf,
  ONTAP_NAME_PATTERN,
  SVM_NAME_PATTERN,
} from './names';

const GIB = 1024 ** 3;

/** An absolute directory path inside the cache volume: `/a/b`, no `.`/`..`/empty segments, no trailing `/`. */
export const dirPath = z
  .string()
  .min(2)
  .max(4096)
  .refine((p) => p.startsWith('/'), 'must be absolute (start with "/")')
  .refine((p) => !p.endsWith('/'), 'must not end with "/"')
  .refine((p) => !p.includes('\0'), 'must not contain NUL')
  .refine(
    (p) =>
      p
        .slice(1)
        .split('/')
        .every((s) => s !== '' && s !== '.' && s !== '..'),
    'must not contain empty, "." or ".." segments',
  );

/** A key prefix below the cache's access point root: relative, no `.`/`..`/empty segments. */
const keyPrefix = z
  .string()
  .max(1024)
  .refine((p) => !p.startsWith('/'), 'must be relative to the cache root (no leading "/")')
  .refine((p) => !p.includes('\0'), 'must not contain NUL')
  .refine((p) => {
    const segments = p.split('/');
    if (segments.at(-1) === '') segments.pop();
    return segments.every((s) => s !== '' && s !== '.' && s !== '..');
  }, 'must not contain empty, "." or ".." segments');

const suffix = z.string().regex(/^\.[A-Za-z0-9._-]{1,16}$/, 'must look like ".exr" (a dot, then 1-16 characters)');

/** The execution input of one render job. */
export const jobInputSchema = z.strictObject({
  jobId: z.string().regex(JOB_ID_PATTERN, 'must be 1-64 letters, digits or underscores (FSx volume naming)'),
  origin: z.strictObject({
    volume: z.string().regex(ONTAP_NAME_PATTERN, 'must be an ONTAP volume name'),
    svm: z.string().regex(SVM_NAME_PATTERN, 'must be an SVM name'),
  }),
  cache: z
    .strictObject({
      /** Cache size; ONTAP's default (10 % of the origin, at least 1 GiB per constituent) when omitted. */
      sizeGiB: z.number().int().min(1).max(102_400).optional(),
      aggregates: z.array(z.string().regex(ONTAP_NAME_PATTERN, 'must be an aggregate name')).min(1).max(8).optional(),
    })
    .default({}),
  prepopulate: z
    .strictObject({
      dirPaths: z.array(dirPath).min(1).max(100),
      excludeDirPaths: z.array(dirPath).max(100).default([]),
    })
    .optional(),
  files: z.strictObject({
    prefix: keyPrefix,
    suffixes: z.array(suffix).max(50).default([]),
    maxFiles: z.number().int().min(1).max(100_000).default(10_000),
  }),
  timeouts: z
    .strictObject({
      /** How long the cache may take to be created (and prepopulated) before the run gives up. */
      cacheReadySeconds: z.number().int().min(10).max(3600).optional(),
      /** The processing step's TimeoutSeconds: past it the state machine cleans up. */
      processingSeconds: z.number().int().min(1).max(86_400).default(3600),
    })
    .default({ processingSeconds: 3600 }),
});
export type JobInput = z.input<typeof jobInputSchema>;

/** How the run reaches the cache through S3. */
export type AccessPointPlan =
  | {
      readonly mode: 'attach';
      readonly name: string;
      readonly fileSystemId: string;
      readonly identity: { readonly type: 'UNIX' | 'WINDOWS'; readonly user: string };
    }
  /** An alias given by the deployment (the local stack serves the cache's directory under it). */
  | { readonly mode: 'fixed'; readonly alias: string };

export interface JobPlan {
  readonly jobId: string;
  readonly cacheName: string;
  readonly junctionPath: string;
  readonly svmName: string;
  readonly origin: { readonly volume: string; readonly svm: string };
  readonly sizeBytes: number | null;
  readonly aggregates: readonly string[] | null;
  readonly prepopulate: { readonly dirPaths: readonly string[]; readonly excludeDirPaths: readonly string[] } | null;
  readonly files: { readonly prefix: string; readonly suffixes: readonly string[]; readonly maxFiles: number };
  readonly timeouts: { readonly processingSeconds: number };
  /** The Wait/Check/Choice loops (cache create, prepopulate, access point) are bounded by these. */
  readonly wait: { readonly pollSeconds: number; readonly maxChecks: number };
  readonly accessPoint: AccessPointPlan;
}

export interface PlanSettings {
  readonly svmName: string;
  readonly defaultAggregates: readonly string[];
  readonly pollSeconds: number;
  readonly cacheReadySeconds: number;
  readonly accessPoint:
    | {
        readonly mode: 'attach';
        readonly prefix: string;
        readonly fileSystemId: string;
        readonly identity: { readonly type: 'UNIX' | 'WINDOWS'; readonly user: string };
      }
    | { readonly mode: 'fixed'; readonly alias: string };
}

const describeIssues = (error: z.ZodError): string =>
  error.issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`).join('; ');

/** Validates a job and derives every name the run uses; throws InvalidJobError listing each problem. */
export const planJob = (raw: unknown, settings: PlanSettings): JobPlan => {
  const parsed = jobInputSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidJobError(`invalid job input: ${describeIssues(parsed.error)}`);
  const job = parsed.data;
  const cacheName = cacheNameOf(job.jobId);
  if (cacheName === job.origin.volume) {
    throw new InvalidJobError(`the cache name "${cacheName}" equals the origin volume name`);
  }
  const cacheReadySeconds = job.timeouts.cacheReadySeconds ?? settings.cacheReadySeconds;
  const aggregates =
    job.cache.aggregates ?? (settings.defaultAggregates.length > 0 ? settings.defaultAggregates : null);
  const ap = settings.accessPoint;
  return {
    jobId: job.jobId,
    cacheName,
    junctionPath: junctionPathOf(cacheName),
    svmName: settings.svmName,
    origin: job.origin,
    sizeBytes: job.cache.sizeGiB === undefined ? null : job.cache.sizeGiB * GIB,
    aggregates,
    prepopulate: job.prepopulate ?? null,
    files: job.files,
    timeouts: { processingSeconds: job.timeouts.processingSeconds },
    wait: {
      pollSeconds: settings.pollSeconds,
      maxChecks: Math.max(1, Math.ceil(cacheReadySeconds / Math.max(1, settings.pollSeconds))),
    },
    accessPoint:
      ap.mode === 'attach'
        ? {
            mode: 'attach',
            name: accessPointNameOf(ap.prefix, job.jobId),
            fileSystemId: ap.fileSystemId,
            identity: ap.identity,
          }
        : { mode: 'fixed', alias: ap.alias },
  };
};
