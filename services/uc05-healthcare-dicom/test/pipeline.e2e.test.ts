import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditTrail, decide, listPending, reviewIdFor, SeparationOfDutiesError } from '@fsxn/human-review';
import { verifyChain } from '@fsxn/lineage';
import { localClientConfig, type RunEvent, type RunResult } from '@fsxn/local-stack';
import {
  type GeneratedDicomStudies,
  generateDicomStudies,
  notDicomButNamedDcm,
  truncatedDicom,
  withServiceStack,
} from '@fsxn/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDicom } from '../src/domain';
import { countReleasedPhiLeaks } from '../src/released-leaks';
import { pixelValue } from './domain/helpers';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = 'fsxn-output/uc05-healthcare-dicom/';
const reviewer = { id: 'dr-reviewer', roles: ['reviewer' as const] };
const approver = { id: 'dr-approver', roles: ['approver' as const] };

interface Report {
  counts: { discovered: number; succeeded: number; failed: number; skipped: number };
  items: { key: string; status: string; reason?: string; outputs: string[] }[];
  successMetrics: { id: string; measured: number | null }[];
  reportKey: string;
}

/**
 * The deployed state machine, run on the local stack over generated studies in every transfer syntax,
 * plus a truncated file and a non-DICOM file named .dcm. The run really pauses at the review gate.
 */
describe('UC5 pipeline on the local stack', () => {
  let dataDir = '';
  let studies: GeneratedDicomStudies;
  const waiting: string[] = [];
  let result: RunResult;
  let report: Report;
  let releasedBeforeApproval: string[] = [];
  let sameIdentityError: unknown;
  let deps: Parameters<typeof decide>[0];
  let lineageTable = '';
  const rejectedKey = 'study-2/series-2/instance-2.dcm';

  beforeAll(async () => {
    const stack = await withServiceStack(serviceDir, {
      retryDelayMs: 1,
      seed: async (dir) => {
        dataDir = dir;
        studies = await generateDicomStudies(dir, { studies: 2, seriesPerStudy: 2, instancesPerSeries: 2 });
        await mkdir(join(dir, 'incoming'), { recursive: true });
        await writeFile(join(dir, 'incoming/truncated.dcm'), truncatedDicom());
        await writeFile(join(dir, 'incoming/not-dicom.dcm'), notDicomButNamedDcm());
        await writeFile(join(dir, 'incoming/readme.txt'), 'not in scope');
      },
    });
    deps = {
      db: DynamoDBDocumentClient.from(stack.dynamodb.client()),
      sfn: new SFNClient(localClientConfig(stack.info.endpoints.sfn)),
      tableName: stack.info.tables.ReviewTable ?? 'missing',
    };
    lineageTable = stack.info.tables.LineageTable ?? 'missing';
    const expectedGates = studies.files.length;
    let gateReached: () => void = () => undefined;
    const allWaiting = new Promise<void>((resolve) => {
      gateReached = resolve;
    });
    const onEvent = (event: RunEvent) => {
      if (event.type !== 'waiting-for-task-token') return;
      waiting.push(event.name);
      if (waiting.length === expectedGates) gateReached();
    };
    const run = stack.run({ onEvent });
    await allWaiting;

    releasedBeforeApproval = await readdir(join(dataDir, OUT, 'deidentified'), { recursive: true }).catch(() => []);

    const pending = await listPending(deps, { useCaseId: 'uc05-healthcare-dicom' });
    for (const task of pending) {
      if (task.object_key === rejectedKey) {
        await decide(deps, {
          reviewId: task.review_id,
          decision: 'rejected',
          actor: reviewer,
          comment: 'burned-in name visible',
        });
        continue;
      }
      await decide(deps, { reviewId: task.review_id, decision: 'approved', actor: reviewer, comment: 'checked' });
      if (sameIdentityError === undefined) {
        sameIdentityError = await decide(deps, {
          reviewId: task.review_id,
          decision: 'approved',
          actor: { id: reviewer.id, roles: ['reviewer', 'approver'] },
        }).catch((error: unknown) => error);
      }
      await decide(deps, { reviewId: task.review_id, decision: 'approved', actor: approver, comment: 'release' });
    }
    result = await run;
    report = result.output as Report;
  });

  it('pauses every valid file at the review gate and releases nothing before approval', () => {
    expect(waiting).toHaveLength(studies.files.length);
    expect(releasedBeforeApproval).toEqual([]);
  });

  it('refuses an approval by the identity that reviewed', () => {
    expect(sameIdentityError).toBeInstanceOf(SeparationOfDutiesError);
  });

  it('accounts for every discovered file: approved ones succeed, bad and rejected ones fail with a reason', () => {
    expect(result.status).toBe('SUCCEEDED');
    const { counts } = report;
    expect(counts.discovered).toBe(studies.files.length + 2);
    expect(counts.discovered).toBe(counts.succeeded + counts.failed + counts.skipped);
    expect(counts.succeeded).toBe(studies.files.length - 1);
    const failures = Object.fromEntries(
      report.items.filter((i) => i.status === 'FAILED').map((i) => [i.key, i.reason]),
    );
    expect(failures['incoming/truncated.dcm']).toMatch(/^DicomParseError: /);
    expect(failures['incoming/not-dicom.dcm']).toMatch(/^DicomParseError: not DICOM/);
    expect(failures[rejectedKey]).toBe('ReviewRejected: burned-in name visible');
    expect(report.items.some((i) => i.key.endsWith('readme.txt'))).toBe(false);
  });

  it('writes re-parsable DICOM outputs with remapped UIDs consistent per study and identical pixel data', async () => {
    const newStudyUids = new Map<string, Set<string>>();
    const released = report.items.filter((i) => i.status === 'SUCCEEDED');
    for (const item of released) {
      const dicomKey = item.outputs.find((k) => !k.endsWith('.deid.json'));
      expect(dicomKey).toBe(`${OUT}deidentified/${item.key}`);
      const original = await readFile(join(dataDir, item.key));
      const output = await readFile(join(dataDir, dicomKey ?? ''));
      const before = parseDicom(original).attributes;
      const after = parseDicom(output).attributes;
      expect(after.patientName).not.toBe(before.patientName);
      expect(after.patientId).not.toBe(before.patientId);
      expect(after.studyInstanceUid).not.toBe(before.studyInstanceUid);
      expect(after.sopInstanceUid).toBe(after.mediaStorageSopInstanceUid);
      expect(createHash('sha256').update(pixelValue(output)).digest('hex')).toBe(
        createHash('sha256').update(pixelValue(original)).digest('hex'),
      );
      const seen = newStudyUids.get(before.studyInstanceUid ?? '') ?? new Set<string>();
      seen.add(after.studyInstanceUid ?? '');
      newStudyUids.set(before.studyInstanceUid ?? '', seen);
    }
    expect([...newStudyUids.values()].map((s) => s.size)).toEqual([1, 1]);
    const leaks = await countReleasedPhiLeaks(
      released.flatMap((i) => i.outputs.filter((k) => !k.endsWith('.deid.json'))),
      (key) => readFile(join(dataDir, key)),
    );
    expect(leaks.details).toEqual([]);
    expect(report.successMetrics.find((m) => m.id === 'phiLeaks')?.measured).toBe(0);
    expect(report.successMetrics.find((m) => m.id === 'reviewRate')?.measured).toBe(1);
  });

  it('keeps an audit trail of every decision and a verifiable lineage chain', async () => {
    const pending = await listPending(deps, { useCaseId: 'uc05-healthcare-dicom' });
    expect(pending).toEqual([]);
    const approved = report.items.find((i) => i.status === 'SUCCEEDED');
    const trail = await auditTrail(deps, reviewIdFor(result.executionArn, approved?.key ?? ''));
    expect(trail.map((a) => [a.action, a.reviewer_id, a.actor_role, a.review_decision])).toEqual([
      ['created', '', 'system', null],
      ['reviewed', 'dr-reviewer', 'reviewer', 'approved'],
      ['approved', 'dr-approver', 'approver', 'approved'],
    ]);
    const rejected = await auditTrail(deps, reviewIdFor(result.executionArn, rejectedKey));
    expect(rejected.at(-1)).toMatchObject({
      reviewer_id: 'dr-reviewer',
      review_decision: 'rejected',
      review_comment: 'burned-in name visible',
    });
    const lineage = await verifyChain({ db: deps.db, tableName: lineageTable }, 'uc05-healthcare-dicom');
    expect(lineage.ok).toBe(true);
    expect(lineage.checked).toBe(report.counts.succeeded + report.counts.failed);
  });
});
