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

/** What a file format's discovery rule needs: the names that are in scope, and how to spot it without a name. */
export interface SuffixOrMagicRule {
  /** Lower-case suffixes (`.dcm`) that put a file in scope by name; a wrong file then fails later with a reason. */
  readonly suffixes: readonly string[];
  /** Bytes read from the start of an extension-less file for the magic check. */
  readonly probeBytes: number;
  /** Extension-less files smaller than this are out of scope without a read; `probeBytes` when omitted. */
  readonly minBytes?: number;
  /** Whether the first bytes are the format's magic. */
  readonly matches: (head: Uint8Array) => boolean;
  /** Why a file is out of scope: another extension, too small to hold the magic, no magic. */
  readonly reasons: { readonly wrongName: string; readonly tooSmall: string; readonly noMagic: string };
}

const basenameOf = (key: string) => key.slice(key.lastIndexOf('/') + 1);

/**
 * A classify function for discovery: files with one of `suffixes` (any case) are in scope by name; other
 * files with an extension are not; an extension-less file is in scope when a small Range read of its start
 * (`readHead(key, bytes)`) finds the format's magic.
 */
export const classifyBySuffixOrMagic =
  (rule: SuffixOrMagicRule) =>
  async (
    obj: ObjectSummary,
    readHead: (key: string, bytes: number) => Promise<Uint8Array>,
  ): Promise<DiscoveryDecision> => {
    const name = basenameOf(obj.key).toLowerCase();
    if (rule.suffixes.some((s) => name.endsWith(s))) return { include: true };
    if (name.includes('.')) return { include: false, reason: rule.reasons.wrongName };
    if (obj.size < (rule.minBytes ?? rule.probeBytes)) return { include: false, reason: rule.reasons.tooSmall };
    const head = await readHead(obj.key, Math.min(obj.size, rule.probeBytes));
    return rule.matches(head) ? { include: true } : { include: false, reason: rule.reasons.noMagic };
  };
