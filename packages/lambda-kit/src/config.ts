import { z } from 'zod';
import { ConfigError } from './errors';

export type EnvSource = Readonly<Record<string, string | undefined>>;

/**
 * Parses the environment once against `schema` and returns typed settings. Call it at module scope so a
 * bad deploy fails at cold start. Throws one `ConfigError` naming every missing or invalid variable.
 * An empty string counts as unset (deploy templates often render a missing parameter as `''`).
 * Messages never contain the values, which may be secrets.
 */
export const loadConfig = <TSchema extends z.ZodObject>(
  schema: TSchema,
  env: EnvSource = process.env,
): z.output<TSchema> => {
  const present: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') present[name] = value;
  }
  const result = schema.safeParse(present);
  if (result.success) return result.data;

  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.length > 0 ? issue.path.map(String).join('.') : '(environment)';
    const missing = issue.code === 'invalid_type' && issue.path.length === 1 && !(variable in present);
    return { variable, message: missing ? 'is required but not set' : issue.message };
  });
  const summary = problems.map((p) => `${p.variable} ${p.message}`).join('; ');
  throw new ConfigError(`Invalid configuration (${problems.length} problem(s)): ${summary}`, problems);
};

const TRUE_WORDS = ['true', '1'];
const FALSE_WORDS = ['false', '0'];

/** 'true'/'false'/'1'/'0' (any case, surrounding spaces ignored) to a boolean. */
export const envBoolean = () =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => TRUE_WORDS.includes(v) || FALSE_WORDS.includes(v), {
      message: "must be one of 'true', 'false', '1', '0'",
    })
    .transform((v) => TRUE_WORDS.includes(v));

/** A base-10 integer within optional bounds. */
export const envInt = (bounds: { min?: number; max?: number } = {}) =>
  z
    .string()
    .trim()
    .regex(/^[+-]?\d+$/, { message: 'must be an integer' })
    .transform(Number)
    .pipe(
      z
        .number()
        .refine(Number.isSafeInteger, { message: 'must be a safe integer' })
        .refine((n) => bounds.min === undefined || n >= bounds.min, { message: `must be >= ${bounds.min}` })
        .refine((n) => bounds.max === undefined || n <= bounds.max, { message: `must be <= ${bounds.max}` }),
    );

/** One of a fixed set of words, compared exactly (enum values in our templates are upper-case). */
export const envEnum = <const TValues extends readonly [string, ...string[]]>(values: TValues) =>
  z.enum(values, { message: `must be one of ${values.join(', ')}` });

/** A comma-separated list; items are trimmed and empty items dropped. Optionally each item is checked. */
export const envList = <TItem extends z.ZodType<unknown, string> = z.ZodString>(item?: TItem) =>
  z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    )
    .pipe(z.array(item ?? z.string()));
