import type { LineageInput } from './record';
import { type LineageDeps, recordLineage } from './store';

/** The run a Report step records failures for. */
export interface FailureRun {
  readonly executionArn: string;
  readonly ucId: string;
  readonly templateVersion: string;
  readonly retentionProfile: LineageInput['retention_profile'];
}

/** The fields of a per-item result (`@fsxn/pipeline`'s ItemResult) that a failure record needs. */
export interface FailedItem {
  readonly key: string;
  readonly status: string;
  readonly reason?: string | undefined;
  readonly metrics: Readonly<Record<string, number>>;
}

/**
 * Records a `failed` lineage record, without outputs, for every FAILED item of a run, so every processed file
 * leaves a record and not only the released ones. Returns how many were recorded.
 */
export const recordFailureLineage = async (
  deps: LineageDeps,
  run: FailureRun,
  items: readonly FailedItem[],
): Promise<number> => {
  const failed = items.filter((item) => item.status === 'FAILED');
  for (const item of failed) {
    await recordLineage(deps, {
      source_file_key: item.key,
      step_functions_execution_arn: run.executionArn,
      uc_id: run.ucId,
      output_keys: [],
      status: 'failed',
      duration_ms: Math.round(item.metrics.latencyMs ?? 0),
      uc_template_version: run.templateVersion,
      retention_profile: run.retentionProfile,
      metadata: { reason: item.reason ?? 'unknown' },
    });
  }
  return failed.length;
};
