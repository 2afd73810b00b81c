import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createReviewTask, getTask, type ReviewDeps, reviewTableCfn } from '@fsxn/human-review';
import { createTableFromCfn, type LocalDynamoDb, startDynamoDb } from '@fsxn/local-stack';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveEveryGate } from '../src/index';

const sfnMock = mockClient(SFNClient);
const EXECUTION = 'arn:aws:states:us-east-1:123456789012:execution:uc05:run-1';
let ddb: LocalDynamoDb;
let deps: ReviewDeps;

beforeAll(async () => {
  ddb = await startDynamoDb();
  await createTableFromCfn(ddb.client(), 'reviews', reviewTableCfn());
  deps = { db: DynamoDBDocumentClient.from(ddb.client()), tableName: 'reviews', sfn: new SFNClient({}) };
  sfnMock.on(SendTaskSuccessCommand).resolves({});
});
afterAll(async () => {
  sfnMock.restore();
  await ddb.stop();
});

const waiting = (payload: unknown) => ({
  type: 'waiting-for-task-token' as const,
  name: 'Review',
  token: 't',
  payload,
});

describe('approveEveryGate', () => {
  it('approves each gate by the reviewer and then a different approver, and sends the task token back', async () => {
    const keys = ['staging/a.dcm', 'staging/b.dcm'];
    const reviewIds: string[] = [];
    for (const [i, key] of keys.entries()) {
      const created = await createReviewTask(deps, {
        taskToken: `token-${i}`,
        useCaseId: 'uc05-healthcare-dicom',
        objectKey: key,
        executionArn: EXECUTION,
        summary: 'de-identified',
      });
      reviewIds.push(created.reviewId);
    }
    const gates = approveEveryGate(deps, {
      reviewer: { id: 'rita', roles: ['reviewer'] },
      approver: { id: 'amir', roles: ['approver'] },
    });
    gates.onEvent({ type: 'state-entered', name: 'Review', stateType: 'Task' });
    for (const key of keys) gates.onEvent(waiting({ executionArn: EXECUTION, staged: { key } }));

    expect(await gates.settled()).toBe(2);
    for (const reviewId of reviewIds) {
      const task = await getTask(deps, reviewId);
      expect(task.status).toBe('APPROVED');
      expect(task.final).toMatchObject({ decision: 'approved', reviewer: 'rita', approver: 'amir' });
    }
    expect(
      sfnMock
        .commandCalls(SendTaskSuccessCommand)
        .map((c) => c.args[0].input.taskToken)
        .sort(),
    ).toEqual(['token-0', 'token-1']);
  });

  it('fails when a gate payload does not name the execution and the staged output', async () => {
    const gates = approveEveryGate(deps);
    gates.onEvent(waiting({ executionArn: EXECUTION }));
    await expect(gates.settled()).rejects.toThrow('review gate payload has no executionArn and staged.key');
  });
});
