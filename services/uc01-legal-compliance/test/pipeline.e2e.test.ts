import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditTrail, decide, listPending, reviewIdFor } from '@fsxn/human-review';
import { verifyChain } from '@fsxn/lineage';
import { localClientConfig, type RunResult, type ServiceStack } from '@fsxn/local-stack';
import { withServiceStack } from '@fsxn/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedSampleFileSecurity } from '../local';
import {
  DELETED_ACCOUNT_SID,
  DOMAIN_USERS_SID,
  generateLegalVolume,
  SAMPLE_FILES,
  STALE_KEY,
} from '../samples/legal-volume';
import { decodeNdjson } from '../src/domain';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = 'fsxn-output/uc01-legal-compliance/';
const VANISHED = 'legal/incoming/deleted-before-collection.pdf';

interface Finding {
  kind: string;
  severity: string;
  objectKey: string;
  sid?: string;
  principal?: string;
}
interface Report {
  counts: { discovered: number; succeeded: number; failed: number; skipped: number };
  items: { key: string; status: string; reason?: string; outputs: string[] }[];
  successMetrics: { id: string; measured: number | null; met: boolean | null }[];
  compliance: {
    findings: { total: number; bySeverity: Record<string, number>; byKind: Record<string, number> };
    findingsKey: string;
    report: { published: boolean; key?: string; reviewed?: boolean; reviewer?: string; approver?: string };
    engine: string;
    summaryProvider: string;
  };
}

/**
 * The deployed state machine on the local stack: the ONTAP simulator serves the generated volume with one
 * file per finding kind, one file vanishes between listing and collection (ONTAP 404), and the CRITICAL
 * findings hold the report for review.
 */
describe('UC1 pipeline on the local stack', () => {
  let stack: ServiceStack;
  let dataDir = '';
  let result: RunResult;
  let report: Report;
  let publishedBeforeApproval = true;
  let deps: Parameters<typeof decide>[0];

  beforeAll(async () => {
    stack = await withServiceStack(serviceDir, {
      retryDelayMs: 1,
      seed: async (dir) => {
        dataDir = dir;
        await generateLegalVolume(dir, { outputPrefix: OUT });
        await writeFile(join(dir, VANISHED), 'gone soon');
      },
    });
    const ontap = stack.ontap;
    if (!ontap) throw new Error('the descriptor must start the ONTAP simulator');
    seedSampleFileSecurity(ontap.state);
    deps = {
      db: DynamoDBDocumentClient.from(stack.dynamodb.client()),
      sfn: new SFNClient(localClientConfig(stack.info.endpoints.sfn)),
      tableName: stack.info.tables.ReviewTable ?? 'missing',
    };
    let gate: () => void = () => undefined;
    const atGate = new Promise<void>((resolve) => {
      gate = resolve;
    });
    const run = stack.run({
      onEvent: (event) => {
        // Listed, then deleted before its ACL is read.
        if (event.type === 'map-started') void rm(join(dataDir, VANISHED));
        if (event.type === 'waiting-for-task-token') gate();
      },
    });
    await atGate;
    publishedBeforeApproval = (await readFile(join(dataDir, OUT, 'reports')).catch(() => undefined)) !== undefined;
    const [pending] = await listPending(deps, { useCaseId: 'uc01-legal-compliance' });
    if (!pending) throw new Error('no review task');
    await decide(deps, {
      reviewId: pending.review_id,
      decision: 'approved',
      actor: { id: 'alice', roles: ['reviewer'] },
    });
    await decide(deps, {
      reviewId: pending.review_id,
      decision: 'approved',
      actor: { id: 'bob', roles: ['approver'] },
    });
    result = await run;
    report = result.output as Report;
  });

  it('accounts for every listed file: audited, skipped without a DACL, failed with ONTAP error code', () => {
    expect(result.status).toBe('SUCCEEDED');
    const { counts } = report;
    const inputs = Object.values(SAMPLE_FILES).length + 1;
    expect(counts.discovered).toBe(inputs);
    expect(counts.discovered).toBe(counts.succeeded + counts.failed + counts.skipped);
    const byKey = Object.fromEntries(report.items.map((i) => [i.key, i]));
    expect(byKey[VANISHED]).toMatchObject({
      status: 'FAILED',
      reason: expect.stringMatching(/^OntapNotFoundError\[655865\]: /),
    });
    expect(byKey[SAMPLE_FILES.noDacl]).toMatchObject({ status: 'SKIPPED', reason: expect.stringMatching(/^NoDacl: /) });
    // Content does not matter to an ACL audit: truncated and mislabelled files are audited like any other.
    expect(byKey[SAMPLE_FILES.truncated]?.status).toBe('SUCCEEDED');
    expect(byKey[SAMPLE_FILES.wrongFormat]?.status).toBe('SUCCEEDED');
    expect(counts).toMatchObject({ succeeded: inputs - 2, failed: 1, skipped: 1 });
  });

  it('computes each finding kind with the SQL on DuckDB, with severities', async () => {
    const lines = (await readFile(join(dataDir, report.compliance.findingsKey), 'utf8')).trim().split('\n');
    const findings = lines.map((l) => JSON.parse(l) as Finding);
    const summary = findings.map((f) => [f.kind, f.severity, f.objectKey, f.principal ?? f.sid ?? '']);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['OVERLY_PERMISSIVE', 'CRITICAL', SAMPLE_FILES.everyone, 'EVERYONE'],
        ['OVERLY_PERMISSIVE', 'CRITICAL', SAMPLE_FILES.authenticatedUsers, 'AUTHENTICATED_USERS'],
        ['OVERLY_PERMISSIVE', 'HIGH', SAMPLE_FILES.domainUsers, 'DOMAIN_USERS'],
        ['BROKEN_INHERITANCE', 'MEDIUM', SAMPLE_FILES.brokenInheritance, ''],
        ['ORPHANED_SID', 'MEDIUM', SAMPLE_FILES.orphanedSid, DELETED_ACCOUNT_SID],
        ['STALE_RECORD', 'LOW', STALE_KEY, ''],
      ]),
    );
    // The domain group's SID does not resolve in the simulated cluster either (no domain controller).
    expect(summary).toContainEqual(['ORPHANED_SID', 'MEDIUM', SAMPLE_FILES.domainUsers, DOMAIN_USERS_SID]);
    expect(findings).toHaveLength(7);
    expect(report.compliance.findings.bySeverity).toEqual({ CRITICAL: 2, HIGH: 1, MEDIUM: 3, LOW: 1 });
    expect(report.compliance.engine).toBe('duckdb');
  });

  it('writes one NDJSON ACL record per audited file under acl-data/YYYY/MM/DD/', async () => {
    const audited = report.items.filter((i) => i.status === 'SUCCEEDED');
    for (const item of audited) {
      expect(item.outputs[0]).toMatch(new RegExp(`^${OUT}acl-data/\\d{4}/\\d{2}/\\d{2}/[^/]+/[0-9a-f]{32}\\.jsonl$`));
      const [record] = decodeNdjson(await readFile(join(dataDir, item.outputs[0] ?? ''), 'utf8'));
      expect(record?.object_key).toBe(item.key);
    }
    const settlement = audited.find((i) => i.key === SAMPLE_FILES.brokenInheritance);
    const [record] = decodeNdjson(await readFile(join(dataDir, settlement?.outputs[0] ?? ''), 'utf8'));
    expect(record).toMatchObject({ dacl_protected: true, security_style: 'ntfs', owner_sid: 'S-1-5-32-544' });
  });

  it('holds the report with CRITICAL findings until a reviewer and a different approver sign it off', async () => {
    expect(publishedBeforeApproval).toBe(false);
    expect(report.compliance.report).toMatchObject({
      published: true,
      reviewed: true,
      reviewer: 'alice',
      approver: 'bob',
    });
    const markdown = await readFile(join(dataDir, report.compliance.report.key ?? ''), 'utf8');
    expect(markdown).toContain('| CRITICAL | 2 |');
    expect(markdown).toContain(SAMPLE_FILES.everyone);
    expect(markdown).toContain('## Summary (local:extractive-summary)');
    const metric = (id: string) => report.successMetrics.find((m) => m.id === id);
    expect(metric('criticalFindings')).toMatchObject({ measured: 2, met: false });
    expect(metric('findingsReviewShare')?.measured).toBeCloseTo(2 / 7);
    expect(metric('costPerScanUsd')).toMatchObject({ measured: null, met: null });
  });

  it('keeps the review audit trail and a verifiable lineage chain', async () => {
    const pending = await listPending(deps, { useCaseId: 'uc01-legal-compliance' });
    expect(pending).toEqual([]);
    const lineage = await verifyChain(
      { db: deps.db, tableName: stack.info.tables.LineageTable ?? 'missing' },
      'uc01-legal-compliance',
    );
    expect(lineage.ok).toBe(true);
    expect(lineage.checked).toBe(1 + report.counts.failed);
    const trail = await auditTrail(
      deps,
      reviewIdFor(result.executionArn, `${OUT}staging/${result.executionArn.split(':').at(-1)}/compliance-report.md`),
    );
    expect(trail.map((a) => [a.action, a.reviewer_id, a.actor_role])).toEqual([
      ['created', '', 'system'],
      ['reviewed', 'alice', 'reviewer'],
      ['approved', 'bob', 'approver'],
    ]);
  });
});
