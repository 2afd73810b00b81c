import { type DiscoveryDecision, discover, executionNameOf, manifestKey, type ObjectSummary } from './discovery';
import { type ItemResult, skipped } from './item-result';

export type ClaimOutcome = { claimed: true } | { claimed: false; reason: string };

export interface Manifest {
  executionArn: string;
  timestamp: string;
  triggerMode: string;
  totalObjects: number;
  objects: ObjectSummary[];
  skipped: ItemResult[];
}

export interface DiscoveryResult {
  /** The Map's input: one entry per file to process. */
  items: ObjectSummary[];
  /** Files in scope that this run will not process, each with its reason (e.g. HYBRID dedup). */
  skipped: ItemResult[];
  discovered: number;
  manifestKey: string;
}

export interface RunDiscoveryOptions {
  executionArn: string;
  triggerMode: string;
  listing: AsyncIterable<ObjectSummary>;
  /** Prefixes never considered, e.g. the run's own output prefix beside the inputs. */
  excludePrefixes: readonly string[];
  classify: (obj: ObjectSummary) => Promise<DiscoveryDecision>;
  /** HYBRID mode: claims a file version for this run, so a file seen by both trigger paths runs once. */
  claim?: (obj: ObjectSummary) => Promise<ClaimOutcome>;
  /** Writes the manifest (name relative to the output prefix) and returns the key written. */
  writeManifest: (name: string, manifest: Manifest) => Promise<string>;
  now?: () => Date;
}

/** Discovery step of every use case: list, classify, claim (HYBRID), write the manifest, return the Map input. */
export const runDiscovery = async (options: RunDiscoveryOptions): Promise<DiscoveryResult & { ignored: number }> => {
  const now = options.now ?? (() => new Date());
  const { items, ignored } = await discover(options.listing, {
    excludePrefixes: options.excludePrefixes,
    classify: options.classify,
  });
  const toProcess: ObjectSummary[] = [];
  const notClaimed: ItemResult[] = [];
  for (const item of items) {
    const outcome: ClaimOutcome = options.claim ? await options.claim(item) : { claimed: true };
    if (outcome.claimed) toProcess.push(item);
    else notClaimed.push(skipped(item.key, outcome.reason));
  }
  const at = now();
  const key = await options.writeManifest(manifestKey('', executionNameOf(options.executionArn), at), {
    executionArn: options.executionArn,
    timestamp: at.toISOString(),
    triggerMode: options.triggerMode,
    totalObjects: toProcess.length,
    objects: toProcess,
    skipped: notClaimed,
  });
  return { items: toProcess, skipped: notClaimed, discovered: toProcess.length, manifestKey: key, ignored };
};
