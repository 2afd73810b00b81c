import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { JobInProgressError, JobRecordConflictError } from './domain/errors';
import { canMove, decideClaim, JOB_STATES, type JobRecord, type JobState } from './domain/job-record';

export interface JobStore {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** `job-table` as CloudFormation Properties (resources.yml mirrors it; test/resources.test.ts checks). */
export const jobTableCfn = () => ({
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: 'jobId', AttributeType: 'S' as const }],
  KeySchema: [{ AttributeName: 'jobId', KeyType: 'HASH' as const }],
  PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
  SSESpecification: { SSEEnabled: true },
});

const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException ||
  (error instanceof Error && error.name === 'ConditionalCheckFailedException');

export const getJob = async (store: JobStore, jobId: string): Promise<JobRecord | undefined> => {
  const out = await store.db.send(new GetCommand({ TableName: store.tableName, Key: { jobId }, ConsistentRead: true }));
  return out.Item as JobRecord | undefined;
};

export type ClaimResult =
  | { readonly action: 'proceed'; readonly record: JobRecord; readonly tookOver: JobRecord | null }
  | { readonly action: 'already-done'; readonly record: JobRecord };

export interface ClaimInput {
  readonly jobId: string;
  readonly cacheName: string;
  readonly executionArn: string;
  readonly leaseSeconds: number;
  readonly now: Date;
}

/**
 * Claims a job id for one execution with conditional writes only, so two concurrent starts of the same
 * job cannot both proceed: the loser of the put (or of the take-over update) re-reads and decides again.
 */
export const claimJob = async (store: JobStore, input: ClaimInput): Promise<ClaimResult> => {
  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  const fresh = (attempt: number): JobRecord => ({
    jobId: input.jobId,
    state: 'CREATING',
    owner: input.executionArn,
    attempt,
    leaseExpiresAt: nowSeconds + input.leaseSeconds,
    cacheName: input.cacheName,
    updatedAt: input.now.toISOString(),
  });
  for (let round = 0; round < 3; round++) {
    const existing = await getJob(store, input.jobId);
    const decision = decideClaim(existing, input.executionArn, nowSeconds);
    try {
      switch (decision.action) {
        case 'create': {
          const record = fresh(1);
          await store.db.send(
            new PutCommand({
              TableName: store.tableName,
              Item: record,
              ConditionExpression: 'attribute_not_exists(jobId)',
            }),
          );
          return { action: 'proceed', record, tookOver: null };
        }
        case 'continue':
          if (existing === undefined) break;
          return { action: 'proceed', record: existing, tookOver: null };
        case 'already-done':
          return { action: 'already-done', record: decision.record };
        case 'take-over': {
          const record = fresh(decision.previous.attempt + 1);
          await store.db.send(
            new PutCommand({
              TableName: store.tableName,
              Item: record,
              ConditionExpression: '#owner = :owner AND #state = :state',
              ExpressionAttributeNames: { '#owner': 'owner', '#state': 'state' },
              ExpressionAttributeValues: { ':owner': decision.previous.owner, ':state': decision.previous.state },
            }),
          );
          return { action: 'proceed', record, tookOver: decision.previous };
        }
        case 'refuse':
          throw new JobInProgressError(decision.reason);
      }
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Another execution wrote first: read again and decide on what it wrote.
    }
  }
  throw new JobInProgressError(`job "${input.jobId}" kept changing while it was being claimed`);
};

export interface TransitionInput {
  readonly jobId: string;
  readonly owner: string;
  readonly to: JobState;
  readonly now: Date;
  readonly set?: Partial<Pick<JobRecord, 'reportKey' | 'manifestKey' | 'error' | 'progress'>>;
}

/** Moves the owner's job to `to`; refused (JobRecordConflictError) if another execution owns it or the move is not allowed. */
export const moveJob = async (store: JobStore, input: TransitionInput): Promise<void> => {
  const from = JOB_STATES.filter((state) => canMove(state, input.to));
  const names: Record<string, string> = { '#owner': 'owner', '#state': 'state', '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = {
    ':owner': input.owner,
    ':to': input.to,
    ':now': input.now.toISOString(),
  };
  from.forEach((state, i) => {
    values[`:from${i}`] = state;
  });
  const sets = ['#state = :to', '#updatedAt = :now'];
  for (const [field, value] of Object.entries(input.set ?? {})) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#${field} = :${field}`);
  }
  try {
    await store.db.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: { jobId: input.jobId },
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: `#owner = :owner AND #state IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const current = await getJob(store, input.jobId);
    throw new JobRecordConflictError(
      `job "${input.jobId}" cannot move to ${input.to}: it is ${current?.state ?? 'missing'} and owned by ${
        current?.owner ?? 'nobody'
      }`,
      { cause: error },
    );
  }
};

/** Records progress of the processing step (owner only; a lost lease shows as JobRecordConflictError). */
export const reportProgress = (
  store: JobStore,
  jobId: string,
  owner: string,
  progress: NonNullable<JobRecord['progress']>,
  now: Date,
): Promise<void> => moveJob(store, { jobId, owner, to: 'PROCESSING', now, set: { progress } });
