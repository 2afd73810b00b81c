import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aclRecordsTable, createDuckDbEngine, formatTimestamp } from '@fsxn/analytics';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeFindings } from '../src/analyze-findings';
import { type AclRecord, encodeNdjson } from '../src/domain';

/**
 * The finding rules written a second time, plainly in TypeScript, from the rules' definitions (not from the
 * SQL): the SQL that runs on Athena in AWS must find exactly what this finds, here on DuckDB.
 */
const oracle = (records: readonly AclRecord[], now: Date, staleDays: number) => {
  const latest = new Map<string, AclRecord>();
  for (const r of records) {
    const seen = latest.get(r.object_key);
    if (!seen || seen.collected_at < r.collected_at) latest.set(r.object_key, r);
  }
  const broad = (sid: string): string | undefined => {
    if (sid === 'S-1-1-0') return 'EVERYONE';
    if (sid === 'S-1-5-11') return 'AUTHENTICATED_USERS';
    if (sid === 'S-1-5-32-545') return 'BUILTIN_USERS';
    const domain = /^S-1-5-21-.+-(\d+)$/.exec(sid);
    return { '513': 'DOMAIN_USERS', '514': 'DOMAIN_GUESTS', '515': 'DOMAIN_COMPUTERS' }[domain?.[1] ?? ''];
  };
  const cutoff = formatTimestamp(new Date(now.getTime() - staleDays * 86_400_000));
  const out: string[] = [];
  for (const r of latest.values()) {
    for (const a of r.acls) {
      const who = broad(a.sid);
      if (who && a.type.includes('ALLOW') && a.permissions.includes('FULL'))
        out.push(`OVERLY_PERMISSIVE ${r.object_key} ${who}`);
      if (a.name === null || a.name.trim() === '' || a.name === a.sid)
        out.push(`ORPHANED_SID ${r.object_key} ${a.sid}`);
    }
    if (r.dacl_protected) out.push(`BROKEN_INHERITANCE ${r.object_key} -`);
    if (r.collected_at < cutoff) out.push(`STALE_RECORD ${r.object_key} -`);
  }
  return out.sort();
};

const SIDS = [
  'S-1-1-0',
  'S-1-5-11',
  'S-1-5-18',
  'S-1-5-32-544',
  'S-1-5-32-545',
  'S-1-5-21-11-22-33-513',
  'S-1-5-21-11-22-33-514',
  'S-1-5-21-11-22-33-515',
  'S-1-5-21-11-22-33-1513',
  'S-1-5-21-11-22-33-1001',
];
const NOW = new Date('2025-06-01T12:00:00.000Z');
const aceArbitrary = fc.record({
  sid: fc.constantFrom(...SIDS),
  name: fc.oneof(
    fc.constant(null),
    fc.constant(''),
    fc.constant(' '),
    fc.constant('CORP\\someone'),
    fc.constant('S-1-5-21-11-22-33-1001'),
  ),
  type: fc.constantFrom('ALLOWED' as const, 'ALLOWED' as const, 'DENIED' as const, 'AUDIT_SUCCESS' as const),
  permissions: fc.constantFrom('FULL_CONTROL', 'FULL_CONTROL', 'MODIFY', 'READ', 'READ_DATA|SYNCHRONIZE'),
  inherited: fc.boolean(),
});
/** Distinct collection times per object (the latest record is then unambiguous), within 200 days before NOW. */
const recordsArbitrary = fc
  .array(
    fc.record({
      key: fc.constantFrom('a.pdf', 'dir/b.docx', 'dir/sub/c.xlsx', "it's.txt", 'スキャン.pdf'),
      minutesAgo: fc.integer({ min: 0, max: 200 * 24 * 60 }),
      dacl_protected: fc.boolean(),
      acls: fc.array(aceArbitrary, { maxLength: 6 }),
    }),
    { maxLength: 12 },
  )
  .map((rows) => {
    const seen = new Set<string>();
    return rows
      .filter((r) => !seen.has(`${r.key}@${r.minutesAgo}`) && seen.add(`${r.key}@${r.minutesAgo}`))
      .map(
        (r): AclRecord => ({
          object_key: r.key,
          volume_uuid: 'v',
          security_style: 'ntfs',
          owner_sid: 'S-1-5-32-544',
          dacl_protected: r.dacl_protected,
          acls: r.acls,
          collected_at: formatTimestamp(new Date(NOW.getTime() - r.minutesAgo * 60_000)),
        }),
      );
  });

describe('finding SQL (DuckDB) against an independent TypeScript implementation', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('finds exactly the same findings on random ACL histories', async () => {
    await fc.assert(
      fc.asyncProperty(recordsArbitrary, fc.integer({ min: 1, max: 120 }), async (records, staleDays) => {
        const root = await mkdtemp(join(tmpdir(), 'uc01-crosscheck-'));
        dirs.push(root);
        const table = aclRecordsTable({ name: 'acl_records', prefix: 'out/acl-data/' });
        // Two runs' worth of files, like acl-data/YYYY/MM/DD/<execution>/….
        await mkdir(join(root, 'out/acl-data/2025/01/01/run-a'), { recursive: true });
        await mkdir(join(root, 'out/acl-data/2025/06/01/run-b'), { recursive: true });
        const half = Math.ceil(records.length / 2);
        await writeFile(join(root, 'out/acl-data/2025/01/01/run-a/x.jsonl'), encodeNdjson(records.slice(0, half)));
        await writeFile(join(root, 'out/acl-data/2025/06/01/run-b/y.jsonl'), encodeNdjson(records.slice(half)));
        const engine = createDuckDbEngine({ tables: [table], rootDir: root });
        try {
          const findings = await analyzeFindings(engine, { table, now: NOW, staleAfterDays: staleDays, limit: 1000 });
          const actual = findings.map((f) => `${f.kind} ${f.objectKey} ${f.principal ?? f.sid ?? '-'}`).sort();
          expect(actual).toEqual(oracle(records, NOW, staleDays));
        } finally {
          await engine.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
