import { z } from 'zod';
import { LineageValidationError } from './errors';
import { RETENTION_PROFILES } from './retention';

const checksum = z.union([
  z.literal(''),
  z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex (sha256) or ""'),
]);

export const LINEAGE_STATUSES = ['success', 'failed', 'partial'] as const;
export const GUARDRAIL_MODES = ['', 'DRY_RUN', 'ENFORCE', 'BREAK_GLASS'] as const;

/** Keys that would collide with the chain-head items kept in the same table. */
export const RESERVED_SOURCE_PREFIX = '#chain#';

const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.string(),
    z.number().refine(Number.isFinite),
    z.boolean(),
    z.null(),
    z.array(jsonValue),
    z.record(z.string(), jsonValue),
  ]),
);

const sourceFileKey = z
  .string()
  .min(1)
  .max(1024)
  .refine((key) => !key.startsWith(RESERVED_SOURCE_PREFIX), `must not start with ${RESERVED_SOURCE_PREFIX}`);

/** The v1 fields, required on write and on read. */
const v1Fields = {
  source_file_key: sourceFileKey,
  processing_timestamp: z.iso.datetime({ offset: true }),
  step_functions_execution_arn: z.string(),
  uc_id: z.string().min(1).max(128),
  output_keys: z.array(z.string()),
  status: z.enum(LINEAGE_STATUSES),
  duration_ms: z.number().int().nonnegative(),
};

/** The v2 fields; defaulted when absent so records written by v1 writers still read. */
const v2Fields = {
  input_checksum: checksum.default(''),
  output_checksum: checksum.default(''),
  fpolicy_sequence_number: z.number().int().nonnegative().optional(),
  policy_version: z.string().default(''),
  uc_template_version: z.string().default(''),
  guardrail_mode: z.enum(GUARDRAIL_MODES).default(''),
  retention_profile: z.enum(RETENTION_PROFILES).default(''),
  metadata: z.record(z.string(), jsonValue).default({}),
};

/** A lineage v2 record as read from the table (v2 fields defaulted). */
export const lineageRecordSchema = z.object({
  ...v1Fields,
  ...v2Fields,
  ttl: z.number().int().nonnegative(),
});
export type LineageRecord = z.infer<typeof lineageRecordSchema>;

/** The tamper-evidence fields every record written by this package carries. */
export const chainFieldsSchema = z.object({
  sequence: z.number().int().positive(),
  prev_hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** TTL of the previous record, so a verifier can tell an expired predecessor from a deleted one. */
  prev_ttl: z.number().int().nonnegative(),
  record_hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ChainFields = z.infer<typeof chainFieldsSchema>;

export const chainedLineageRecordSchema = lineageRecordSchema.extend(chainFieldsSchema.shape);
export type ChainedLineageRecord = z.infer<typeof chainedLineageRecordSchema>;

/** What a caller passes to `recordLineage`: timestamp and TTL are filled in by the store. */
export const lineageInputSchema = z.object({
  ...v1Fields,
  processing_timestamp: v1Fields.processing_timestamp.optional(),
  ...v2Fields,
  /** Needed when retention_profile is `custom`. */
  retention_days: z.number().int().positive().optional(),
});
export type LineageInput = z.input<typeof lineageInputSchema>;
export type ParsedLineageInput = z.output<typeof lineageInputSchema>;

const describeIssues = (error: z.ZodError): string =>
  error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');

/** Parses with a schema, turning a zod failure into a `LineageValidationError` naming each bad field. */
export const parseWith = <S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> => {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new LineageValidationError(`invalid ${what}: ${describeIssues(result.error)}`, { cause: result.error });
  return result.data;
};
