import { createHash } from 'node:crypto';
import { type ChainItem, canonicalJson, GENESIS_HASH } from '../src';

const hashOf = (content: Record<string, unknown>) => createHash('sha256').update(canonicalJson(content)).digest('hex');

/** Builds a valid chain of `length` records the way the store links them. */
export const buildChain = (length: number, ucId = 'uc01-legal-compliance', firstTtl = 4_000_000_000): ChainItem[] => {
  const items: ChainItem[] = [];
  let prevHash = GENESIS_HASH;
  let prevTtl = 0;
  for (let sequence = 1; sequence <= length; sequence += 1) {
    const ttl = firstTtl + sequence;
    const content = {
      source_file_key: `legal/file-${sequence % 3}.pdf`,
      processing_timestamp: new Date(Date.UTC(2026, 4, 22, 0, 0, 0, sequence)).toISOString(),
      step_functions_execution_arn: `arn:aws:states:us-east-1:123456789012:execution:sm:run-${sequence}`,
      uc_id: ucId,
      output_keys: [`reports/${sequence}.json`],
      status: 'success',
      duration_ms: sequence * 10,
      input_checksum: '',
      output_checksum: '',
      policy_version: 'p1',
      uc_template_version: '1.0.0',
      guardrail_mode: '',
      retention_profile: '',
      metadata: { n: sequence },
      ttl,
      sequence,
      prev_hash: prevHash,
      prev_ttl: prevTtl,
    };
    const recordHash = hashOf(content);
    items.push({ ...content, record_hash: recordHash });
    prevHash = recordHash;
    prevTtl = ttl;
  }
  return items;
};

/** Rewrites a record and recomputes its own hash, as an attacker with write access would. */
export const rewrite = (item: ChainItem, change: Record<string, unknown>): ChainItem => {
  const { record_hash: _old, ...content } = { ...item, ...change };
  return { ...content, record_hash: hashOf(content) };
};

export const headOf = (items: readonly ChainItem[]) => {
  const last = items.at(-1);
  return { sequence: Number(last?.sequence ?? 0), hash: String(last?.record_hash ?? GENESIS_HASH) };
};

/** A clock that moves `stepMs` forward on every read. */
export const steppingClock = (startIso: string, stepMs: number) => {
  let instant = Date.parse(startIso);
  return () => {
    instant += stepMs;
    return new Date(instant);
  };
};
