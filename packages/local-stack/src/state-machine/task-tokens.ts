import { randomBytes } from 'node:crypto';
import { LocalStackError } from '../errors';
import { withResolvers } from './polyfill';

/** The error a callback task ends with: `name` is the ASL Error, `message` the ASL Cause. */
export class TaskFailure extends LocalStackError {
  override readonly name: string;
  constructor(error: string, cause: string) {
    // No `cause` chaining on purpose: the runner hands `message` to ASL as the Cause string.
    super(cause);
    this.name = error;
  }
}

/** Errors of the SendTask* API, named as Step Functions names them. */
export class TaskTokenApiError extends LocalStackError {
  override readonly name: 'TaskDoesNotExist' | 'InvalidToken' | 'TaskTimedOut' | 'InvalidOutput';
  constructor(name: TaskTokenApiError['name'], message: string) {
    super(message);
    this.name = name;
  }
}

export interface PendingTask {
  token: string;
  executionArn: string;
  stateName: string;
  issuedAt: string;
  /** What the task was started with (the Lambda Payload / SNS message), for `fsxn review list`. */
  payload: unknown;
}

export interface IssueOptions {
  executionArn: string;
  stateName: string;
  /** Builds what the task is started with (Lambda Payload, SNS message) from its token, for `fsxn review list`. */
  payload?: (token: string) => unknown;
  /** Task `TimeoutSeconds`: after it the token is dead (the runner reports States.Timeout). */
  timeoutSeconds?: number;
  /** Task `HeartbeatSeconds`: the task fails with States.Timeout when no heartbeat arrives in time. */
  heartbeatSeconds?: number;
}

interface Entry {
  task: PendingTask;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
  timeoutTimer?: ReturnType<typeof setTimeout>;
  heartbeatTimer?: ReturnType<typeof setTimeout>;
  heartbeatSeconds?: number;
}

const TOKEN_PATTERN = /^AQ[A-Za-z0-9_-]{40,}$/;
/** Small grace so the runner's own TimeoutSeconds timer (which raises the genuine States.Timeout) fires first. */
const TIMEOUT_GRACE_MS = 25;
/** The longest delay setTimeout honours; longer ones fire immediately. */
export const MAX_TIMER_SECONDS = 2_147_483;

/**
 * Task tokens of `.waitForTaskToken` tasks that are waiting for SendTaskSuccess/Failure. Shared by the
 * runner (which issues and awaits them) and the task-token HTTP API (which settles them).
 */
export class TaskTokenRegistry {
  private readonly pending = new Map<string, Entry>();
  /** Tokens that existed and are gone (completed or timed out): SFN answers TaskTimedOut for those. */
  private readonly finished = new Set<string>();
  private readonly listeners = new Set<(task: PendingTask) => void>();

  /** Issues a token whose `result` settles on SendTaskSuccess/Failure, timeout or cancel. */
  issue(options: IssueOptions): { token: string; result: Promise<unknown> } {
    const token = `AQ${randomBytes(48).toString('base64url')}`;
    const task: PendingTask = {
      token,
      executionArn: options.executionArn,
      stateName: options.stateName,
      issuedAt: new Date().toISOString(),
      payload: options.payload ? options.payload(token) : null,
    };
    const { promise, resolve, reject } = withResolvers<unknown>();
    // The runner may stop listening (its own timeout won the race); never leave an unhandled rejection.
    promise.catch(() => undefined);
    const entry: Entry = { task, resolve, reject };
    if (options.heartbeatSeconds !== undefined) entry.heartbeatSeconds = options.heartbeatSeconds;
    if (options.timeoutSeconds !== undefined) {
      const ms = Math.min(options.timeoutSeconds, MAX_TIMER_SECONDS) * 1000 + TIMEOUT_GRACE_MS;
      entry.timeoutTimer = setTimeout(() => this.expire(token, 'TimeoutSeconds elapsed'), ms);
    }
    this.pending.set(token, entry);
    this.armHeartbeat(entry);
    for (const listener of this.listeners) listener(task);
    return { token, result: promise };
  }

  list(): PendingTask[] {
    return [...this.pending.values()].map((e) => e.task);
  }

  onIssued(listener: (task: PendingTask) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  sendSuccess(token: string, output: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(output);
    } catch {
      throw new TaskTokenApiError('InvalidOutput', 'Output is not valid JSON');
    }
    this.settle(token).resolve(parsed);
  }

  sendFailure(token: string, error = '', cause = ''): void {
    this.settle(token).reject(new TaskFailure(error, cause));
  }

  sendHeartbeat(token: string): void {
    const entry = this.lookup(token);
    this.armHeartbeat(entry);
  }

  /** Drops the tokens of one execution (or only one of its tokens, or all), rejecting their waits. */
  cancel(executionArn?: string, onlyToken?: string): void {
    for (const [token, entry] of this.pending) {
      if (executionArn !== undefined && entry.task.executionArn !== executionArn) continue;
      if (onlyToken !== undefined && token !== onlyToken) continue;
      this.settle(token).reject(new TaskFailure('States.Runtime', 'Execution stopped'));
    }
  }

  private armHeartbeat(entry: Entry): void {
    if (entry.heartbeatSeconds === undefined) return;
    clearTimeout(entry.heartbeatTimer);
    entry.heartbeatTimer = setTimeout(
      () => this.expire(entry.task.token, 'HeartbeatSeconds elapsed without a heartbeat'),
      Math.min(entry.heartbeatSeconds, MAX_TIMER_SECONDS) * 1000,
    );
  }

  private expire(token: string, why: string): void {
    if (!this.pending.has(token)) return;
    this.settle(token).reject(new TaskFailure('States.Timeout', why));
  }

  private lookup(token: string): Entry {
    if (!TOKEN_PATTERN.test(token)) throw new TaskTokenApiError('InvalidToken', 'Invalid Token');
    const entry = this.pending.get(token);
    if (entry) return entry;
    if (this.finished.has(token)) throw new TaskTokenApiError('TaskTimedOut', 'Task Timed Out');
    throw new TaskTokenApiError('TaskDoesNotExist', 'Task does not exist');
  }

  private settle(token: string): Entry {
    const entry = this.lookup(token);
    clearTimeout(entry.timeoutTimer);
    clearTimeout(entry.heartbeatTimer);
    this.pending.delete(token);
    this.finished.add(token);
    return entry;
  }
}
