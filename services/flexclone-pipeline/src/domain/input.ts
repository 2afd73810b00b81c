import { z } from 'zod';
import { InvalidInputError } from './errors';
import {
  junctionPathProblem,
  MAX_SNAPSHOT_NAME,
  MAX_VOLUME_NAME,
  ontapNameProblem,
  shareNameProblem,
  snapshotNameFor,
} from './names';

const checked = (problem: (value: string) => string | undefined) =>
  z.string().superRefine((value, ctx) => {
    const why = problem(value);
    if (why !== undefined) ctx.addIssue({ code: 'custom', message: why });
  });

const volumeName = checked((v) => ontapNameProblem(v, MAX_VOLUME_NAME));
const snapshotName = checked((v) => ontapNameProblem(v, MAX_SNAPSHOT_NAME));
const junctionPath = checked(junctionPathProblem);
const shareName = checked(shareNameProblem);
/** Security styles a FlexClone parent may have; `unified` is FlexGroup-only and never requested. */
export const securityStyleSchema = z.enum(['unix', 'ntfs', 'mixed']);
export type RequestedSecurityStyle = z.output<typeof securityStyleSchema>;

const ACCESS_POINT_ALIAS = /^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]-[a-z0-9]{10}-ext-s3alias$/;
const ACCESS_POINT_NAME = /^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$/;

const attachSchema = z
  .object({
    name: z
      .string()
      .regex(ACCESS_POINT_NAME, 'must be 3-50 lowercase letters, digits and hyphens')
      .refine((n) => !n.includes('--') && !n.endsWith('-ext-s3alias'), 'must not contain "--" or end in -ext-s3alias'),
    fileSystemId: z.string().regex(/^fs-[0-9a-f]{8,}$/, 'must be an FSx file system id (fs-…)'),
    identity: z.object({ type: z.enum(['UNIX', 'WINDOWS']), user: z.string().min(1).max(256) }).strict(),
  })
  .strict();

/**
 * Either the alias of an access point the user attached to the clone (locally: the one the emulator
 * serves), or what the pipeline needs to attach one through FSx CreateAndAttachS3AccessPoint.
 */
const accessPointSchema = z
  .object({
    alias: z.string().regex(ACCESS_POINT_ALIAS, 'must be an S3 access point alias (…-ext-s3alias)').optional(),
    attach: attachSchema.optional(),
  })
  .strict()
  .refine((ap) => (ap.alias === undefined) !== (ap.attach === undefined), 'give exactly one of alias or attach');

const processSchema = z
  .object({
    /** count: files and bytes; manifest: + the object list; metadata: + per-file header digest and type. */
    mode: z.enum(['count', 'manifest', 'metadata']),
    accessPoint: accessPointSchema,
    prefix: z
      .string()
      .max(1024)
      .default('')
      .refine(
        (p) => p === '' || (!p.startsWith('/') && !p.split('/').includes('..')),
        'must be relative, without ".."',
      ),
  })
  .strict();

const waitSchema = z
  .object({
    pollSeconds: z.number().int().min(0).max(300).optional(),
    maxChecks: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

const runSchema = z
  .object({
    operation: z.literal('run').default('run'),
    svmName: z.string().min(1).max(47).optional(),
    parentVolume: volumeName,
    /** Clone from this existing snapshot (never deleted by cleanup) instead of taking a new one. */
    existingSnapshot: snapshotName.optional(),
    /** Name of the snapshot the run takes; derived from the execution name when omitted. */
    snapshotName: snapshotName.optional(),
    cloneName: volumeName,
    junctionPath: junctionPath.optional(),
    /** Checked against the parent's style (a clone inherits it); never sent to ONTAP. */
    securityStyle: securityStyleSchema.optional(),
    processFiles: processSchema.optional(),
    cifsShare: z
      .object({ name: shareName, comment: z.string().max(256).optional() })
      .strict()
      .optional(),
    wait: waitSchema.optional(),
  })
  .strict()
  .refine((i) => i.existingSnapshot === undefined || i.snapshotName === undefined, {
    message: 'give either existingSnapshot or snapshotName, not both',
  })
  .refine((i) => i.cloneName !== i.parentVolume, { message: 'cloneName must differ from parentVolume' });

const cleanupSchema = z
  .object({
    operation: z.literal('cleanup'),
    svmName: z.string().min(1).max(47).optional(),
    cloneName: volumeName,
    /** The snapshot the clone was made from, deleted after the clone (only when it still exists). */
    snapshot: z.object({ volume: volumeName, name: snapshotName }).strict().optional(),
    shareName: shareName.optional(),
    accessPointName: z.string().regex(ACCESS_POINT_NAME).optional(),
  })
  .strict();

const splitSchema = z
  .object({
    operation: z.literal('split'),
    svmName: z.string().min(1).max(47).optional(),
    cloneName: volumeName,
    wait: waitSchema.optional(),
  })
  .strict();

const schemas = { run: runSchema, cleanup: cleanupSchema, split: splitSchema } as const;
export type ExecutionInput = z.input<typeof runSchema> | z.input<typeof cleanupSchema> | z.input<typeof splitSchema>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface WaitBounds {
  readonly pollSeconds: number;
  readonly maxChecks: number;
}

export type AccessPointPlan =
  | { readonly kind: 'alias'; readonly alias: string }
  | {
      readonly kind: 'attach';
      readonly name: string;
      readonly fileSystemId: string;
      readonly identity: { readonly type: 'UNIX' | 'WINDOWS'; readonly user: string };
    };

/** What the run will do, with every default filled in. Flags are always present (ASL Choice reads them). */
export type Plan =
  | {
      readonly operation: 'run';
      readonly executionName: string;
      readonly svmName: string;
      readonly parentVolume: string;
      readonly snapshot: { readonly name: string; readonly reuse: boolean; readonly tag: string };
      readonly clone: { readonly name: string; readonly junctionPath: string };
      readonly securityStyle: RequestedSecurityStyle | null;
      readonly processEnabled: boolean;
      readonly attachAccessPoint: boolean;
      readonly process: {
        readonly mode: 'count' | 'manifest' | 'metadata';
        readonly accessPoint: AccessPointPlan;
        readonly prefix: string;
      } | null;
      readonly shareEnabled: boolean;
      readonly share: { readonly name: string; readonly comment: string | null } | null;
      readonly wait: WaitBounds;
    }
  | {
      readonly operation: 'cleanup';
      readonly executionName: string;
      readonly svmName: string;
      readonly clone: { readonly name: string };
      readonly snapshot: { readonly volume: string; readonly name: string } | null;
      readonly shareName: string | null;
      readonly detachAccessPoint: boolean;
      readonly accessPointName: string | null;
    }
  | {
      readonly operation: 'split';
      readonly executionName: string;
      readonly svmName: string;
      readonly clone: { readonly name: string };
      readonly wait: WaitBounds;
    };

export interface PlanDefaults {
  readonly svmName: string;
  readonly wait: WaitBounds;
  /** The functions' IAM policies only reach access points whose names start with this. */
  readonly accessPointPrefix: string;
}

/** `<name>-<10 alnum>-ext-s3alias` → `<name>`. */
export const accessPointNameOfAlias = (alias: string): string => alias.replace(/-[a-z0-9]{10}-ext-s3alias$/, '');

/** Marks a snapshot as taken by one execution, so cleanup deletes it and nothing it did not create. */
export const snapshotTagFor = (executionName: string): string => `flexclone-pipeline:${executionName}`;

const formatIssues = (error: z.ZodError): string =>
  error.issues.map((i) => `${i.path.length === 0 ? 'input' : i.path.join('.')}: ${i.message}`).join('; ');

/** Validates the execution input and fills in defaults. Throws InvalidInputError naming every problem. */
export const planFromInput = (raw: unknown, executionName: string, defaults: PlanDefaults): Plan => {
  if (!isRecord(raw)) throw new InvalidInputError('invalid execution input: input: must be a JSON object');
  const operation = raw.operation ?? 'run';
  if (operation !== 'run' && operation !== 'cleanup' && operation !== 'split') {
    throw new InvalidInputError('invalid execution input: operation: must be "run", "cleanup" or "split"');
  }
  const parsed = schemas[operation].safeParse(raw);
  if (!parsed.success) throw new InvalidInputError(`invalid execution input: ${formatIssues(parsed.error)}`);
  const input = parsed.data;
  const svmName = input.svmName ?? defaults.svmName;
  if (input.operation === 'cleanup') {
    return {
      operation: 'cleanup',
      executionName,
      svmName,
      clone: { name: input.cloneName },
      snapshot: input.snapshot ?? null,
      shareName: input.shareName ?? null,
      detachAccessPoint: input.accessPointName !== undefined,
      accessPointName: input.accessPointName ?? null,
    };
  }
  const wait = {
    pollSeconds: input.wait?.pollSeconds ?? defaults.wait.pollSeconds,
    maxChecks: input.wait?.maxChecks ?? defaults.wait.maxChecks,
  };
  if (input.operation === 'split') {
    return { operation: 'split', executionName, svmName, clone: { name: input.cloneName }, wait };
  }
  const processFiles = input.processFiles;
  const given = processFiles?.accessPoint;
  const accessPoint: AccessPointPlan | undefined =
    given?.alias !== undefined
      ? { kind: 'alias', alias: given.alias }
      : given?.attach !== undefined
        ? { kind: 'attach', ...given.attach }
        : undefined;
  const apName =
    accessPoint === undefined
      ? undefined
      : accessPoint.kind === 'alias'
        ? accessPointNameOfAlias(accessPoint.alias)
        : accessPoint.name;
  if (apName !== undefined && !apName.startsWith(defaults.accessPointPrefix)) {
    throw new InvalidInputError(
      `invalid execution input: processFiles.accessPoint: the access point name "${apName}" must start with "${defaults.accessPointPrefix}" (the deployment's IAM policies allow only those)`,
    );
  }
  return {
    operation: 'run',
    executionName,
    svmName,
    parentVolume: input.parentVolume,
    snapshot: {
      name: input.existingSnapshot ?? input.snapshotName ?? snapshotNameFor(executionName),
      reuse: input.existingSnapshot !== undefined,
      tag: snapshotTagFor(executionName),
    },
    clone: { name: input.cloneName, junctionPath: input.junctionPath ?? `/${input.cloneName}` },
    securityStyle: input.securityStyle ?? null,
    processEnabled: processFiles !== undefined,
    attachAccessPoint: accessPoint?.kind === 'attach',
    process:
      processFiles === undefined || accessPoint === undefined
        ? null
        : { mode: processFiles.mode, accessPoint, prefix: processFiles.prefix },
    shareEnabled: input.cifsShare !== undefined,
    share:
      input.cifsShare === undefined ? null : { name: input.cifsShare.name, comment: input.cifsShare.comment ?? null },
    wait,
  };
};
