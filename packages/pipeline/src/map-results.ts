import { z } from 'zod';
import { failed, type ItemResult, itemResultSchema, reasonFromCatch } from './item-result';

/** What a Catch → Pass state records for an item that failed inside the Map. */
const caughtSchema = z.object({
  key: z.string().min(1),
  status: z.literal('FAILED'),
  /** Set by a service's "rejected by review" Pass state. */
  rejected: z.boolean().optional(),
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }),
});

/**
 * Turns one Map iteration output into an item result: either a result a task returned, or the record a
 * Catch/Pass state made of a failure (its reason taken from the Step Functions error and cause).
 */
export const toItemResult = (raw: unknown): ItemResult => {
  const item = itemResultSchema.safeParse(raw);
  if (item.success) return item.data;
  const caught = caughtSchema.parse(raw);
  if (caught.rejected)
    return failed(caught.key, `ReviewRejected: ${caught.error?.Cause || 'rejected by the reviewer'}`);
  return failed(caught.key, reasonFromCatch(caught.error));
};
