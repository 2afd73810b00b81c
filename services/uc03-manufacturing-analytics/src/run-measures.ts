import type { ItemResult } from '@fsxn/pipeline';

export interface RunTotals {
  rowsRead: number;
  rowsValid: number;
  badRows: number;
  imagesAnalyzed: number;
  imagesFlagged: number;
}

/**
 * The UC3 success metrics one run can measure, from the item metrics the steps returned. Metrics that need
 * labelled data (false-positive rate) or billing (cost per scan) stay unmeasured (null in the report).
 */
export const measureRun = (
  items: readonly ItemResult[],
  times: { startedAt: number; finishedAt: number; anomalyLatencyMs: number | undefined },
): { totals: RunTotals; measured: Record<string, number | undefined> } => {
  const totals: RunTotals = { rowsRead: 0, rowsValid: 0, badRows: 0, imagesAnalyzed: 0, imagesFlagged: 0 };
  for (const item of items) {
    if (item.status !== 'SUCCEEDED') continue;
    const m = item.metrics;
    totals.rowsRead += m.rowsRead ?? 0;
    totals.rowsValid += m.rowsValid ?? 0;
    totals.badRows += m.badRows ?? 0;
    if (m.flaggedForReview !== undefined) {
      totals.imagesAnalyzed += 1;
      totals.imagesFlagged += m.flaggedForReview;
    }
  }
  const processed = items.filter((i) => i.status !== 'SKIPPED').length;
  const hours = (times.finishedAt - times.startedAt) / 3_600_000;
  return {
    totals,
    measured: {
      anomalyLatencyMs: times.anomalyLatencyMs,
      throughputFilesPerHour: hours > 0 ? processed / hours : undefined,
      flaggedForReviewRate: totals.imagesAnalyzed === 0 ? undefined : totals.imagesFlagged / totals.imagesAnalyzed,
      badRowRate: totals.rowsRead === 0 ? undefined : totals.badRows / totals.rowsRead,
    },
  };
};
