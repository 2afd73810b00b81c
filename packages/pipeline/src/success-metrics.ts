import { z } from 'zod';

const comparator = z.enum(['>=', '<=', '==', '>', '<']);

/** One row of a service's success-metrics.yaml. */
export const successMetricSchema = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
  outcome: z.string().min(1),
  metric: z.string().min(1),
  target: z.object({ op: comparator, value: z.number(), unit: z.string().default('') }),
  measurement: z.string().min(1),
});
export const successMetricsFileSchema = z.object({ metrics: z.array(successMetricSchema).min(1) });
export type SuccessMetric = z.infer<typeof successMetricSchema>;

export interface EvaluatedMetric extends SuccessMetric {
  measured: number | null;
  met: boolean | null;
}

const compare = (op: SuccessMetric['target']['op'], measured: number, target: number): boolean => {
  switch (op) {
    case '>=':
      return measured >= target;
    case '<=':
      return measured <= target;
    case '>':
      return measured > target;
    case '<':
      return measured < target;
    case '==':
      return measured === target;
  }
};

/**
 * Evaluates each defined metric against what the run measured. A metric the run could not measure
 * (e.g. cost offline) stays `measured: null, met: null` rather than being guessed.
 */
export const evaluateSuccessMetrics = (
  definitions: readonly SuccessMetric[],
  measured: Readonly<Record<string, number | undefined>>,
): EvaluatedMetric[] =>
  definitions.map((def) => {
    const value = measured[def.id];
    if (value === undefined || Number.isNaN(value)) return { ...def, measured: null, met: null };
    return { ...def, measured: value, met: compare(def.target.op, value, def.target.value) };
  });
