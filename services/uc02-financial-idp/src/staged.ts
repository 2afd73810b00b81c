import { z } from 'zod';
import type { SummaryDocument } from './process-document';

/** What ProcessFile hands to the review gate and to Release (kept small: Map state payloads are capped). */
export const stagedSchema = z.object({
  status: z.literal('STAGED'),
  key: z.string().min(1),
  /** Relative to the output prefix, like every key a handler passes on. */
  stagedKey: z.string().min(1),
  outputKey: z.string().min(1),
  inputChecksum: z.string().regex(/^[0-9a-f]{64}$/),
  outputChecksum: z.string().regex(/^[0-9a-f]{64}$/),
  latencyMs: z.number().nonnegative(),
  bytesRead: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative(),
  documentType: z.enum(['invoice', 'contract', 'unknown']),
  textProvider: z.string().min(1),
  confidence: z.object({
    value: z.number().min(0).max(1),
    text: z.number().min(0).max(1),
    fields: z.number().min(0).max(1),
    missingFields: z.array(z.string()),
  }),
  review: z.object({ required: z.boolean(), reason: z.string().min(1) }),
  /** A few extracted values for the reviewer's task summary. */
  highlights: z.array(z.string()),
});
export type StagedDocument = z.output<typeof stagedSchema>;

const MAX_HIGHLIGHTS = 3;

/** Short `field: value` lines a reviewer sees before opening the staged summary. */
export const highlightsOf = (document: SummaryDocument): string[] => {
  const f = document.fields;
  const line = (label: string, values: readonly { value: string }[]) =>
    values.length === 0
      ? []
      : [
          `${label}: ${values
            .slice(0, MAX_HIGHLIGHTS)
            .map((v) => v.value)
            .join(', ')}`,
        ];
  return [
    ...line('invoice no.', f.invoiceNumbers),
    ...line('PO no.', f.poNumbers),
    ...line('dates', f.dates),
    ...line('amounts', f.amounts),
    ...line('parties', f.parties),
    ...line('tax ids', f.taxIds),
    ...line('IBAN', f.ibans),
  ].map((l) => (l.length > 200 ? `${l.slice(0, 197)}...` : l));
};
