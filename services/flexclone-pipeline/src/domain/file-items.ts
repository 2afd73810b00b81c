import { failed, type ItemResult, succeeded } from '@fsxn/pipeline';

/** Step Functions payloads are capped at 256 KB: larger runs keep their per-file list in the report object only. */
export const MAX_ITEMS_IN_OUTPUT = 500;

/** The part of a manifest entry that decides an item's outcome. */
export interface ManifestEntry {
  readonly key: string;
  readonly size: number;
  /** metadata mode: why the header could not be read. */
  readonly error?: string;
}

/** `manifests/<execution>.json` under the output prefix: ProcessFiles writes it, Report reads it back. */
export const manifestNameFor = (executionName: string): string => `manifests/${executionName}.json`;

/**
 * One item per file read through the clone: SUCCEEDED when it was listed (and, in metadata mode, its header
 * read), FAILED with the read error otherwise, so a run report's counts add up like every other service's.
 */
export const fileItemsOf = (entries: readonly ManifestEntry[]): ItemResult[] =>
  entries.map((entry) =>
    entry.error === undefined
      ? succeeded(entry.key, { metrics: { bytes: entry.size } })
      : failed(entry.key, entry.error, { metrics: { bytes: entry.size } }),
  );

/** The items a Report puts in the execution output: all of them, or none once there are too many. */
export const itemsForOutput = (items: readonly ItemResult[]): ItemResult[] | undefined =>
  items.length <= MAX_ITEMS_IN_OUTPUT ? [...items] : undefined;
