import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { decide, getTask, listPending, type ReviewDeps, type ReviewTaskView, type Role } from '@fsxn/human-review';
import { localClientConfig, PENDING_TASKS_PATH, type PendingTask, type StackStateFile } from '@fsxn/local-stack';
import { CliError } from './io';

/** One thing waiting for a person: a human-review task, or a bare task token of a service without one. */
export interface PendingReview {
  id: string;
  kind: 'human-review' | 'task-token';
  status: string;
  executionArn: string;
  key?: string;
  summary?: string;
}

export type ReviewDecision = 'approved' | 'rejected';

/** Short, copyable id of a bare task token. */
const tokenId = (token: string) => token.slice(2, 14);

const fromView = (view: ReviewTaskView): PendingReview => ({
  id: view.review_id,
  kind: 'human-review',
  status: view.status,
  executionArn: view.execution_arn,
  key: view.object_key,
  summary: view.summary,
});

/**
 * Reviews of the running local stack, reached through `.fsxn/stack.json`: human-review tasks in the
 * service's review table when it has one, otherwise the task tokens the task-token API holds.
 */
export class StackReviews {
  private readonly ddb: DynamoDBClient;
  private readonly sfn: SFNClient;
  private readonly deps: ReviewDeps | undefined;

  constructor(private readonly state: StackStateFile) {
    this.ddb = new DynamoDBClient(localClientConfig(state.endpoints.dynamodb));
    this.sfn = new SFNClient(localClientConfig(state.endpoints.sfn));
    this.deps = state.reviewTable
      ? { db: DynamoDBDocumentClient.from(this.ddb), tableName: state.reviewTable, sfn: this.sfn }
      : undefined;
  }

  async list(): Promise<PendingReview[]> {
    const managed = await this.listManaged();
    if (managed !== undefined) return managed;
    return (await this.pendingTokens()).map((t) => ({
      id: tokenId(t.token),
      kind: 'task-token',
      status: 'WAITING',
      executionArn: t.executionArn,
      summary: `${t.stateName}: ${JSON.stringify(t.payload).slice(0, 200)}`,
    }));
  }

  async show(id: string): Promise<unknown> {
    const managed = await this.listManaged();
    if (managed !== undefined && this.deps) return getTask(this.deps, id);
    const task = await this.findToken(id);
    return task;
  }

  /** Records a decision; for human-review tasks the role follows the task's status unless given. */
  async decide(id: string, decision: ReviewDecision, actor: { id: string; role?: Role }, reason = ''): Promise<string> {
    const managed = await this.listManaged();
    if (managed !== undefined && this.deps) {
      const task = managed.find((t) => t.id === id);
      if (!task) throw new CliError(`No open review ${id}`);
      const role: Role = actor.role ?? (task.status === 'REVIEWED' ? 'approver' : 'reviewer');
      const { task: after } = await decide(this.deps, {
        reviewId: id,
        decision,
        actor: { id: actor.id, roles: [role] },
        comment: reason,
      });
      return `${id} ${after.object_key}: ${decision} by ${actor.id} as ${role} (now ${after.status})`;
    }
    const task = await this.findToken(id);
    if (decision === 'approved') {
      const output = JSON.stringify({ approved: true, decidedBy: actor.id, role: actor.role ?? 'approver' });
      await this.sfn.send(new SendTaskSuccessCommand({ taskToken: task.token, output }));
    } else {
      await this.sfn.send(
        new SendTaskFailureCommand({ taskToken: task.token, error: 'ReviewRejected', cause: reason }),
      );
    }
    return `${id}: ${decision} by ${actor.id}`;
  }

  close(): void {
    this.ddb.destroy();
    this.sfn.destroy();
  }

  /** Open human-review tasks, or undefined when the service keeps no human-review table. */
  private async listManaged(): Promise<PendingReview[] | undefined> {
    if (!this.deps) return undefined;
    try {
      return (await listPending(this.deps)).map(fromView);
    } catch (error) {
      // A REVIEW_TABLE without the human-review indexes belongs to a service that settles tokens itself.
      if (error instanceof Error && /index|ValidationException/i.test(`${error.name} ${error.message}`))
        return undefined;
      throw error;
    }
  }

  private async pendingTokens(): Promise<PendingTask[]> {
    const res = await fetch(`${this.state.endpoints.sfn}${PENDING_TASKS_PATH}`);
    if (!res.ok) throw new CliError(`The local stack's task-token API answered ${res.status}`);
    return ((await res.json()) as { tasks: PendingTask[] }).tasks;
  }

  private async findToken(id: string): Promise<PendingTask> {
    const task = (await this.pendingTokens()).find((t) => t.token === id || tokenId(t.token) === id);
    if (!task) throw new CliError(`No waiting task ${id}; see \`fsxn review list\``);
    return task;
  }
}
