import { z } from 'zod';

export const itemStatus = z.enum(['SUCCEEDED', 'FAILED', 'SKIPPED']);
export type ItemStatus = z.infer<typeof itemStatus>;

/** What every per-file branch of a state machine ends with. A FAILED or SKIPPED item always says why. */
export const itemResultSchema = z
  .object({
    key: z.string().min(1),
    status: itemStatus,
    reason: z.string().min(1).optional(),
    /** Keys written for this item (released outputs only). */
    outputs: z.array(z.string()).default([]),
    /** Measured per-item numbers, e.g. latencyMs, bytesRead, phiLeaks. */
    metrics: z.record(z.string(), z.number()).default({}),
    reviewed: z.boolean().default(false),
  })
  .refine((item) => item.status === 'SUCCEEDED' || item.reason !== undefined, {
    message: 'a FAILED or SKIPPED item needs a reason',
    path: ['reason'],
  });
export type ItemResult = z.infer<typeof itemResultSchema>;

export const succeeded = (key: string, fields: Partial<Omit<ItemResult, 'key' | 'status'>> = {}): ItemResult =>
  itemResultSchema.parse({ ...fields, key, status: 'SUCCEEDED' });

export const failed = (
  key: string,
  reason: string,
  fields: Partial<Omit<ItemResult, 'key' | 'status' | 'reason'>> = {},
) => itemResultSchema.parse({ ...fields, key, status: 'FAILED', reason });

export const skipped = (key: string, reason: string) => itemResultSchema.parse({ key, status: 'SKIPPED', reason });

/**
 * Turns the `Cause` that Step Functions puts in a Catch result (a JSON string `{errorType, errorMessage}`
 * for Lambda failures, free text otherwise) into a short reason for the report.
 */
export const reasonFromCatch = (error: { Error?: string; Cause?: string } | undefined): string => {
  if (!error) return 'unknown error';
  const name = error.Error ?? 'Error';
  if (!error.Cause) return name;
  try {
    const cause: unknown = JSON.parse(error.Cause);
    if (cause && typeof cause === 'object' && 'errorMessage' in cause && typeof cause.errorMessage === 'string') {
      return `${name}: ${cause.errorMessage}`;
    }
  } catch {
    // Not JSON: States.* errors carry plain text causes.
  }
  return `${name}: ${error.Cause}`;
};
