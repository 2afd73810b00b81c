import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { checkResourceProperties, loadAwsServiceSpecSource } from '@fsxn/ci-checks';
import { createTableFromCfn, type LocalDynamoDb, startDynamoDb } from '@fsxn/local-stack';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type Actor,
  auditByUseCase,
  auditTrail,
  cancelReview,
  createReviewTask,
  DecisionConflictError,
  decide,
  getTask,
  listPending,
  type ReviewDeps,
  redeliverCallback,
  reviewTableCfn,
  SeparationOfDutiesError,
  UnauthorizedActionError,
} from '../src';

let ddb: LocalDynamoDb;
let deps: ReviewDeps;
const sfnMock = mockClient(SFNClient);
let tableCounter = 0;

const alice: Actor = { id: 'alice', roles: ['reviewer'] };
const bob: Actor = { id: 'bob', roles: ['approver'] };
const carol: Actor = { id: 'carol', roles: ['approver'] };
const dave: Actor = { id: 'dave', roles: ['reviewer', 'approver'] };
const audrey: Actor = { id: 'audrey', roles: ['auditor'] };
const otto: Actor = { id: 'otto', roles: ['operator'] };
const TOKEN = 'AQCEAAAAKgAAAAMAAAAA-secret-task-token';

beforeAll(async () => {
  ddb = await startDynamoDb();
});
afterAll(async () => ddb.stop());

beforeEach(async () => {
  sfnMock.reset();
  sfnMock.on(SendTaskSuccessCommand).resolves({});
  sfnMock.on(SendTaskFailureCommand).resolves({});
  tableCounter += 1;
  const client = ddb.client();
  const tableName = `reviews-${tableCounter}`;
  await createTableFromCfn(client, tableName, reviewTableCfn());
  let tick = Date.parse('2026-05-22T09:00:00.000Z');
  deps = {
    db: DynamoDBDocumentClient.from(client),
    tableName,
    sfn: new SFNClient({ region: 'us-east-1' }),
    now: () => {
      tick += 1000;
      return new Date(tick);
    },
  };
});

const createDicomReview = (overrides: Partial<Parameters<typeof createReviewTask>[1]> = {}) =>
  createReviewTask(deps, {
    taskToken: TOKEN,
    useCaseId: 'uc05-healthcare-dicom',
    objectKey: 'dicom/patient-1.dcm',
    executionArn: 'arn:aws:states:us-east-1:123456789012:execution:uc05:run-1',
    aiOutputId: 'anonymized/patient-1.json',
    confidence: 0.97,
    summary: 'PHI removed from 4 tags',
    proposedOutputKey: 'anonymized/patient-1.json',
    ...overrides,
  });

describe('createReviewTask', () => {
  it('stores a pending task whose token never appears in what reads return', async () => {
    const { reviewId, created, task } = await createDicomReview();
    expect(created).toBe(true);
    expect(task).toMatchObject({ status: 'PENDING', level: 1, policy: { requireDistinctApprover: true } });
    const raw = await deps.db.send(new GetCommand({ TableName: deps.tableName, Key: { review_id: reviewId } }));
    expect(raw.Item?.task_token).toBe(TOKEN);
    expect(JSON.stringify(await getTask(deps, reviewId))).not.toContain(TOKEN);
    expect(JSON.stringify(await listPending(deps))).not.toContain(TOKEN);
    const [createdRecord] = await auditTrail(deps, reviewId);
    expect(createdRecord).toMatchObject({
      action: 'created',
      review_decision: null,
      confidence_score: 0.97,
      retention_period: 'P7Y',
    });
  });

  it('finds the same review again when Step Functions retries the task, switching to the new token', async () => {
    const first = await createDicomReview();
    const again = await createDicomReview({ taskToken: 'new-token' });
    expect(again).toMatchObject({ reviewId: first.reviewId, created: false });
    await decide(deps, { reviewId: first.reviewId, decision: 'approved', actor: alice, comment: 'ok' });
    await decide(deps, { reviewId: first.reviewId, decision: 'approved', actor: bob, comment: 'release' });
    expect(sfnMock.commandCalls(SendTaskSuccessCommand).map((c) => c.args[0].input.taskToken)).toEqual(['new-token']);
    // A retry after the decision gets the outcome at once on its own token.
    await createDicomReview({ taskToken: 'third-token' });
    expect(sfnMock.commandCalls(SendTaskSuccessCommand).map((c) => c.args[0].input.taskToken)).toEqual([
      'new-token',
      'third-token',
    ]);
  });

  it('rejects bad input without echoing the token', async () => {
    await expect(createDicomReview({ confidence: 1.5 })).rejects.toThrow(/confidence/);
    await expect(createDicomReview({ useCaseId: 'uc99' })).rejects.toThrow(/no review policy/);
    const error = await createDicomReview({ objectKey: '' }).catch((e: unknown) => e);
    expect(String((error as Error).message)).not.toContain(TOKEN);
  });
});

describe('decide', () => {
  it('refuses to let the identity that reviewed also approve, and sends nothing', async () => {
    const { reviewId } = await createDicomReview();
    await decide(deps, { reviewId, decision: 'approved', actor: dave, comment: 'looks clean' });
    await expect(decide(deps, { reviewId, decision: 'approved', actor: dave, comment: 'release' })).rejects.toThrow(
      SeparationOfDutiesError,
    );
    expect((await getTask(deps, reviewId)).status).toBe('REVIEWED');
    expect(sfnMock.calls()).toHaveLength(0);
  });

  it('sends SendTaskSuccess once with the decision when a different approver approves', async () => {
    const { reviewId } = await createDicomReview();
    await decide(deps, { reviewId, decision: 'approved', actor: alice, comment: 'no PHI left' });
    const result = await decide(deps, { reviewId, decision: 'approved', actor: bob, comment: 'release it' });
    expect(result.callback).toBe('SENT');
    const calls = sfnMock.commandCalls(SendTaskSuccessCommand);
    expect(calls).toHaveLength(1);
    const request = calls[0]?.args[0].input;
    expect(request?.taskToken).toBe(TOKEN);
    expect(JSON.parse(String(request?.output))).toEqual({
      decision: 'approved',
      reviewId,
      reviewer: 'alice',
      approver: 'bob',
      decidedAt: '2026-05-22T09:00:03.000Z',
      comment: 'release it',
    });
    expect(sfnMock.commandCalls(SendTaskFailureCommand)).toHaveLength(0);
    await expect(decide(deps, { reviewId, decision: 'approved', actor: carol, comment: 'again' })).rejects.toThrow(
      /already APPROVED by bob/,
    );
    expect(sfnMock.commandCalls(SendTaskSuccessCommand)).toHaveLength(1);
  });

  it('sends SendTaskFailure with ReviewRejected and the comment as cause on rejection', async () => {
    const { reviewId } = await createDicomReview();
    await decide(deps, { reviewId, decision: 'approved', actor: alice, comment: 'fine' });
    await decide(deps, { reviewId, decision: 'rejected', actor: bob, comment: 'burned-in name on frame 3' });
    const calls = sfnMock.commandCalls(SendTaskFailureCommand);
    expect(calls.map((c) => c.args[0].input)).toEqual([
      { taskToken: TOKEN, error: 'ReviewRejected', cause: 'burned-in name on frame 3' },
    ]);
    expect(sfnMock.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
    expect(await listPending(deps)).toEqual([]);
  });

  it('applies one of two racing approvals; the other gets a clear conflict error', async () => {
    const { reviewId } = await createDicomReview();
    await decide(deps, { reviewId, decision: 'approved', actor: alice, comment: 'ok' });
    const outcomes = await Promise.allSettled([
      decide(deps, { reviewId, decision: 'approved', actor: bob, comment: 'bob releases' }),
      decide(deps, { reviewId, decision: 'approved', actor: carol, comment: 'carol releases' }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const [failure] = outcomes.filter((o) => o.status === 'rejected');
    expect(failure?.status === 'rejected' && failure.reason).toBeInstanceOf(DecisionConflictError);
    expect(sfnMock.commandCalls(SendTaskSuccessCommand)).toHaveLength(1);
    const approvals = (await auditTrail(deps, reviewId)).filter((e) => e.action === 'approved');
    expect(approvals).toHaveLength(1);
  });

  it('refuses auditors, and lets operators cancel but not approve', async () => {
    const { reviewId } = await createDicomReview();
    await expect(decide(deps, { reviewId, decision: 'approved', actor: audrey, comment: '' })).rejects.toThrow(
      UnauthorizedActionError,
    );
    await expect(decide(deps, { reviewId, decision: 'approved', actor: otto, comment: '' })).rejects.toThrow(
      UnauthorizedActionError,
    );
    await expect(cancelReview(deps, { reviewId, actor: alice, comment: 'x' })).rejects.toThrow(UnauthorizedActionError);
    await cancelReview(deps, { reviewId, actor: otto, comment: 'source file withdrawn' });
    expect(sfnMock.commandCalls(SendTaskFailureCommand).map((c) => c.args[0].input)).toEqual([
      { taskToken: TOKEN, error: 'ReviewCancelled', cause: 'source file withdrawn' },
    ]);
  });

  it('releases on a single approval for a use case whose policy does not require a second approver', async () => {
    const { reviewId } = await createDicomReview({ useCaseId: 'uc01-legal-compliance' });
    await decide(deps, { reviewId, decision: 'approved', actor: alice, comment: 'fine' });
    const [call] = sfnMock.commandCalls(SendTaskSuccessCommand);
    expect(JSON.parse(String(call?.args[0].input.output))).toMatchObject({ reviewer: 'alice', approver: 'alice' });
  });

  it('records a failed callback and delivers it again on request', async () => {
    sfnMock
      .on(SendTaskSuccessCommand)
      .rejectsOnce(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }))
      .resolves({});
    const { reviewId } = await createDicomReview({ useCaseId: 'UC3' });
    const result = await decide(deps, { reviewId, decision: 'approved', actor: alice, comment: '' });
    expect(result.callback).toBe('FAILED');
    expect((await getTask(deps, reviewId)).callback_error).toBe('ThrottlingException');
    expect((await redeliverCallback(deps, reviewId)).callback_status).toBe('SENT');
    expect(sfnMock.commandCalls(SendTaskSuccessCommand)).toHaveLength(2);
    await redeliverCallback(deps, reviewId);
    expect(sfnMock.commandCalls(SendTaskSuccessCommand)).toHaveLength(2);
  });
});

describe('audit trail', () => {
  it('lists creation and every decision in order with the governance fields', async () => {
    const { reviewId } = await createDicomReview();
    await decide(deps, { reviewId, decision: 'escalated', actor: alice, comment: 'unsure about overlay' });
    await decide(deps, { reviewId, decision: 'approved', actor: bob, comment: 'overlay is not PHI' });
    await expect(decide(deps, { reviewId, decision: 'approved', actor: bob, comment: 'me again' })).rejects.toThrow(
      SeparationOfDutiesError,
    );
    await decide(deps, { reviewId, decision: 'approved', actor: carol, comment: 'release' });

    const trail = await auditTrail(deps, reviewId);
    expect(trail.map((e) => [e.sequence, e.action, e.reviewer_id, e.actor_role, e.review_decision, e.level])).toEqual([
      [1, 'created', '', 'system', null, 1],
      [2, 'escalated', 'alice', 'reviewer', 'escalated', 2],
      [3, 'reviewed', 'bob', 'approver', 'approved', 2],
      [4, 'approved', 'carol', 'approver', 'approved', 2],
    ]);
    expect(trail[1]).toMatchObject({
      review_id: reviewId,
      use_case_id: 'uc05-healthcare-dicom',
      object_key: 'dicom/patient-1.dcm',
      ai_output_id: 'anonymized/patient-1.json',
      review_timestamp: '2026-05-22T09:00:02.000Z',
      review_comment: 'unsure about overlay',
      confidence_score: 0.97,
      escalation_required: true,
      retention_period: 'P7Y',
    });
    const timestamps = trail.map((e) => e.review_timestamp);
    expect([...timestamps].sort()).toEqual(timestamps);
  });

  it('collects audit records per use case in time order, and lists open reviews per use case', async () => {
    const dicom = await createDicomReview();
    const legal = await createDicomReview({ useCaseId: 'uc01-legal-compliance', objectKey: 'legal/a.pdf' });
    const other = await createDicomReview({ objectKey: 'dicom/patient-2.dcm' });
    await decide(deps, { reviewId: dicom.reviewId, decision: 'rejected', actor: alice, comment: 'bad' });

    const uc5 = await auditByUseCase(deps, 'UC5');
    expect(uc5.map((e) => [e.review_id, e.action])).toEqual([
      [dicom.reviewId, 'created'],
      [other.reviewId, 'created'],
      [dicom.reviewId, 'rejected'],
    ]);
    const windowed = await auditByUseCase(deps, 'uc05-healthcare-dicom', { from: '2026-05-22T09:00:03.000Z' });
    expect(windowed.map((e) => e.action)).toEqual(['created', 'rejected']);
    expect((await listPending(deps, { useCaseId: 'UC5' })).map((t) => t.review_id)).toEqual([other.reviewId]);
    expect((await listPending(deps)).map((t) => t.review_id)).toEqual([legal.reviewId, other.reviewId]);
  });
});

describe('reviewTableCfn', () => {
  it('describes a table the DynamoDB schema accepts', () => {
    const schemas = loadAwsServiceSpecSource();
    expect(checkResourceProperties('AWS::DynamoDB::Table', reviewTableCfn({ tableName: 'reviews' }), schemas)).toEqual(
      [],
    );
  });
});
