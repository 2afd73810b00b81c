import { access, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { decide, listPending } from '@fsxn/human-review';
import { localClientConfig, type RunEvent, type ServiceStack } from '@fsxn/local-stack';
import { withServiceStack } from '@fsxn/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedSampleFileSecurity } from '../local';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const KEY = 'legal/memo.pdf';

interface Report {
  counts: { discovered: number; succeeded: number; failed: number; skipped: number };
  items: { key: string; status: string }[];
  compliance: {
    findings: { bySeverity: Record<string, number> };
    report: { published: boolean; key?: string; reviewed?: boolean; draftKey?: string; reason?: string };
  };
}

/**
 * One file, ONTAP client retries off: every injected 503 reaches the state machine, whose Retry must absorb
 * it. Run 1 has no CRITICAL finding (published without review); run 2 has one and the reviewer rejects it.
 */
describe('UC1 on the local stack: ONTAP faults and the review gate', () => {
  let stack: ServiceStack;
  let dataDir = '';
  beforeAll(async () => {
    stack = await withServiceStack(serviceDir, {
      retryDelayMs: 1,
      params: { ontapClientRetries: '0' },
      seed: async (dir) => {
        dataDir = dir;
        await mkdir(join(dir, 'legal'), { recursive: true });
        await writeFile(join(dir, KEY), 'memo');
      },
    });
    if (!stack.ontap) throw new Error('the descriptor must start the ONTAP simulator');
    seedSampleFileSecurity(stack.ontap.state);
  });

  it('retries ResolveVolume and CollectAcl after ONTAP 503s and publishes a report without CRITICAL findings at once', async () => {
    const events: RunEvent[] = [];
    const ontap = stack.ontap;
    ontap?.faults.failNext(1, 503);
    const result = await stack.run({
      onEvent: (event) => {
        events.push(event);
        if (event.type === 'map-started') ontap?.faults.failNext(1, 503);
      },
    });
    expect(result.status).toBe('SUCCEEDED');
    const retried = events.flatMap((e) => (e.type === 'state-retried' ? [e.name] : []));
    expect(retried).toEqual(['ResolveVolume', 'CollectAcl']);
    const failures = events
      .filter((e) => e.type === 'task-failed')
      .map((e) => (e.type === 'task-failed' ? e.error : ''));
    expect(failures).toEqual(['TransientError', 'TransientError']);
    const report = result.output as Report;
    expect(report.counts).toEqual({ discovered: 1, succeeded: 1, failed: 0, skipped: 0 });
    expect(report.compliance.findings.bySeverity.CRITICAL).toBe(0);
    expect(report.compliance.report).toMatchObject({ published: true, reviewed: false });
    expect(events.some((e) => e.type === 'waiting-for-task-token')).toBe(false);
    await access(join(dataDir, report.compliance.report.key ?? 'missing'));
  });

  it('keeps the report unpublished when the reviewer rejects a run with CRITICAL findings', async () => {
    stack.ontap?.state.setFileSecurity('svm1', `/vol1/${KEY}`, {
      control_flags: '0x8004',
      acls: [{ user: 'Everyone', access: 'access_allow', rights: 'full_control' }],
    });
    const deps = {
      db: DynamoDBDocumentClient.from(stack.dynamodb.client()),
      sfn: new SFNClient(localClientConfig(stack.info.endpoints.sfn)),
      tableName: stack.info.tables.ReviewTable ?? 'missing',
    };
    const decisions: Promise<unknown>[] = [];
    const result = await stack.run({
      onEvent: (event) => {
        if (event.type !== 'waiting-for-task-token') return;
        decisions.push(
          listPending(deps, { useCaseId: 'uc01-legal-compliance' }).then(([task]) =>
            decide(deps, {
              reviewId: task?.review_id ?? 'missing',
              decision: 'rejected',
              actor: { id: 'carol', roles: ['reviewer'] },
              comment: 'public folder by design; re-run after the share is fixed',
            }),
          ),
        );
      },
    });
    await Promise.all(decisions);
    expect(result.status).toBe('SUCCEEDED');
    const report = result.output as Report;
    expect(report.compliance.findings.bySeverity.CRITICAL).toBe(1);
    expect(report.compliance.report).toEqual({
      published: false,
      draftKey: expect.stringMatching(/staging\/.+\/compliance-report\.md$/),
      reason: 'ReviewRejected: public folder by design; re-run after the share is fixed',
    });
    await access(join(dataDir, report.compliance.report.draftKey ?? 'missing'));
  });
});
