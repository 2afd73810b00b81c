import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChainItem, type ChainProblemKind, computeRecordHash, verify } from '../src';
import { buildChain, headOf, rewrite } from './chain-fixtures';

const kinds = (result: { problems: readonly { kind: ChainProblemKind; sequence: number }[] }) =>
  result.problems.map((p) => `${p.kind}@${p.sequence}`);

describe('computeRecordHash', () => {
  it('hashes the canonical JSON of every attribute except record_hash', () => {
    // Canonical text written by hand for this item.
    const expected = createHash('sha256').update('{"a":"x","b":[2,{"c":null}]}').digest('hex');
    expect(computeRecordHash({ b: [2, { c: null }], record_hash: 'anything', a: 'x' })).toBe(expected);
  });
});

describe('verify', () => {
  it('accepts an intact chain and counts its records', async () => {
    const items = buildChain(6);
    await expect(verify(items, { head: headOf(items) })).resolves.toEqual({ ok: true, checked: 6, problems: [] });
  });

  it('reports an edited field of a record', async () => {
    const items = buildChain(5);
    items[2] = { ...items[2], status: 'failed' };
    const result = await verify(items, { head: headOf(items) });
    expect(result.ok).toBe(false);
    expect(kinds(result)).toEqual(['edited@3']);
  });

  it('reports an added attribute as an edit', async () => {
    const items = buildChain(3);
    items[1] = { ...items[1], approved_by: 'mallory' };
    expect(kinds(await verify(items))).toEqual(['edited@2']);
  });

  it('reports a record rewritten with a recomputed hash through the broken link to the next record', async () => {
    const items = buildChain(5);
    const target = items[1];
    if (!target) throw new Error('fixture too short');
    items[1] = rewrite(target, { output_keys: ['elsewhere.json'] });
    const result = await verify(items, { head: headOf(items) });
    expect(kinds(result)).toEqual(['edited@3']);
    expect(result.problems[0]?.detail).toMatch(/does not link to record 2/);
  });

  it('reports a deleted record in the middle as missing', async () => {
    const items = buildChain(6);
    items.splice(3, 1);
    expect(kinds(await verify(items, { head: headOf(buildChain(6)) }))).toEqual(['missing@4']);
  });

  it('reports a truncated tail when the head says more records exist', async () => {
    const full = buildChain(6);
    const result = await verify(full.slice(0, 4), { head: headOf(full) });
    expect(kinds(result)).toEqual(['missing@5']);
    expect(result.problems[0]?.detail).toMatch(/records 5\.\.6 missing \(truncated tail/);
  });

  it('reports swapped records as reordered without calling them missing', async () => {
    const items = buildChain(5);
    const [third, fourth] = [items[2], items[3]];
    if (!third || !fourth) throw new Error('fixture too short');
    items[2] = fourth;
    items[3] = third;
    expect(kinds(await verify(items, { head: headOf(buildChain(5)) }))).toEqual(['reordered@3']);
  });

  it('reports two records claiming one sequence as a fork', async () => {
    const items = buildChain(4);
    const third = items[2];
    if (!third) throw new Error('fixture too short');
    items.splice(3, 0, rewrite(third, { source_file_key: 'other.pdf' }));
    expect(kinds(await verify(items, { head: headOf(buildChain(4)) }))).toContain('forked@3');
  });

  it('reports records beyond the head as a fork', async () => {
    const items = buildChain(4);
    expect(kinds(await verify(items, { head: headOf(items.slice(0, 3)) }))).toEqual(['forked@4']);
  });

  it('accepts a missing prefix when the first record present says its predecessor expired', async () => {
    const items = buildChain(5, 'uc01', 1_000);
    const afterExpiry = new Date(2_000 * 1000);
    await expect(verify(items.slice(2), { head: headOf(items), now: afterExpiry })).resolves.toMatchObject({
      ok: true,
    });
    const beforeExpiry = new Date(500 * 1000);
    expect(kinds(await verify(items.slice(2), { head: headOf(items), now: beforeExpiry }))).toEqual(['missing@1']);
  });

  it('reports a first record that does not link to genesis', async () => {
    const items = buildChain(2);
    const first = items[0];
    if (!first) throw new Error('fixture too short');
    items[0] = rewrite(first, { prev_hash: 'f'.repeat(64) });
    expect(kinds(await verify(items))).toEqual(['edited@1', 'edited@2']);
  });

  it('reports an empty chain whose head says records exist', async () => {
    expect(kinds(await verify([], { head: { sequence: 2, hash: 'a'.repeat(64) } }))).toEqual(['missing@1']);
  });

  it('reads async iterables (a paginated reader)', async () => {
    const items = buildChain(3);
    async function* reader() {
      yield* items;
    }
    await expect(verify(reader(), { head: headOf(items) })).resolves.toMatchObject({ ok: true, checked: 3 });
  });

  type Tampering =
    | { kind: 'edit'; index: number; field: string }
    | { kind: 'delete'; index: number }
    | { kind: 'swap'; index: number }
    | { kind: 'truncate'; keep: number }
    | { kind: 'rewrite'; index: number };

  const tamper = (items: ChainItem[], t: Tampering): { items: ChainItem[]; expected: ChainProblemKind } => {
    const copy = [...items];
    switch (t.kind) {
      case 'edit': {
        const item = copy[t.index];
        if (item) copy[t.index] = { ...item, [t.field]: `${String(item[t.field])}-changed` };
        return { items: copy, expected: 'edited' };
      }
      case 'rewrite': {
        const item = copy[t.index];
        if (item) copy[t.index] = rewrite(item, { status: 'failed' });
        return { items: copy, expected: 'edited' };
      }
      case 'delete':
        copy.splice(t.index, 1);
        return { items: copy, expected: 'missing' };
      case 'swap': {
        const [a, b] = [copy[t.index], copy[t.index + 1]];
        if (a && b) [copy[t.index], copy[t.index + 1]] = [b, a];
        return { items: copy, expected: 'reordered' };
      }
      case 'truncate':
        return { items: copy.slice(0, t.keep), expected: 'missing' };
    }
  };

  it('finds any single random tampering in a random chain', async () => {
    const fields = ['source_file_key', 'status', 'output_keys', 'duration_ms', 'uc_id', 'prev_hash', 'ttl', 'metadata'];
    const scenario = fc.integer({ min: 2, max: 25 }).chain((length) =>
      fc.record({
        length: fc.constant(length),
        tampering: fc.oneof(
          fc.record({
            kind: fc.constant('edit' as const),
            index: fc.nat(length - 1),
            field: fc.constantFrom(...fields),
          }),
          // The last record is rewritten too: only the head can catch that one.
          fc.record({ kind: fc.constant('rewrite' as const), index: fc.nat(length - 1) }),
          fc.record({ kind: fc.constant('delete' as const), index: fc.nat(length - 1) }),
          fc.record({ kind: fc.constant('swap' as const), index: fc.nat(length - 2) }),
          fc.record({ kind: fc.constant('truncate' as const), keep: fc.nat(length - 1) }),
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(scenario, async ({ length, tampering }) => {
        const original = buildChain(length);
        const { items, expected } = tamper(original, tampering);
        const result = await verify(items, { head: headOf(original), now: new Date(0) });
        expect(result.ok).toBe(false);
        expect(result.problems.map((p) => p.kind)).toContain(expected);
      }),
      { numRuns: 300 },
    );
  });
});
