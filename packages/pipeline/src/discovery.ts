import { PipelineError } from './errors';

export interface ObjectSummary {
  key: string;
  size: number;
  etag?: string;
  lastModified?: string;
}

export type DiscoveryDecision = { include: true } | { include: false; reason: string };

/**
 * Filters a listing into the items a run will process. `classify` decides per object (e.g. by suffix or
 * by a small Range read of a magic number); objects under `excludePrefixes` (the run's own outputs, which
 * sit beside the inputs) are never considered.
 */
export const discover = async (
  listing: AsyncIterable<ObjectSummary>,
  options: { excludePrefixes: readonly string[]; classify: (obj: ObjectSummary) => Promise<DiscoveryDecision> },
): Promise<{ items: ObjectSummary[]; ignored: number }> => {
  const items: ObjectSummary[] = [];
  let ignored = 0;
  const seen = new Set<string>();
  for await (const obj of listing) {
    if (options.excludePrefixes.some((p) => p !== '' && obj.key.startsWith(p))) continue;
    if (seen.has(obj.key)) throw new PipelineError(`listing returned ${obj.key} twice`);
    seen.add(obj.key);
    const decision = await options.classify(obj);
    if (decision.include) items.push(obj);
    else ignored += 1;
  }
  return { items, ignored };
};

/** `manifests/YYYY/MM/DD/<name>.json` under the output prefix, dated in UTC. */
export const manifestKey = (outputPrefix: string, executionName: string, at: Date): string => {
  const y = at.getUTCFullYear();
  const m = String(at.getUTCMonth() + 1).padStart(2, '0');
  const d = String(at.getUTCDate()).padStart(2, '0');
  return `${outputPrefix}manifests/${y}/${m}/${d}/${executionName}.json`;
};

/** The execution name is the last `:`-separated part of an execution ARN. */
export const executionNameOf = (executionArn: string): string => executionArn.split(':').at(-1) || 'execution';
