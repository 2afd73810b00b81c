import { join } from 'node:path';
import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../src/dynamodb';
import {
  functionAliases,
  type LocalLambdaHandler,
  loadServerlessService,
  type RunEvent,
  runStateMachine,
  type ServerlessService,
  startTaskTokenApi,
  type TaskTokenApi,
  TaskTokenRegistry,
  UnsupportedStateError,
} from '../src/state-machine';
import { handler as processFile } from './fixtures/sample-service/src/handlers/process-file';
import { handler as report } from './fixtures/sample-service/src/handlers/report';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'sample-service');

/** Resolves once `predicate` matches an event; events are recorded for later assertions too. */
const eventRecorder = () => {
  const events: RunEvent[] = [];
  const waiters: { predicate: (e: RunEvent) => boolean; resolve: (e: RunEvent) => void }[] = [];
  return {
    events,
    onEvent: (e: RunEvent) => {
      events.push(e);
      for (const w of waiters.filter((w) => w.predicate(e))) w.resolve(e);
    },
    next: <T extends RunEvent>(predicate: (e: RunEvent) => e is T) =>
      new Promise<T>((resolve) => {
        const seen = events.find(predicate);
        if (seen) resolve(seen as T);
        else waiters.push({ predicate, resolve: (e) => resolve(e as T) });
      }),
  };
};

const isWaiting = (e: RunEvent): e is Extract<RunEvent, { type: 'waiting-for-task-token' }> =>
  e.type === 'waiting-for-task-token';

describe('runStateMachine on the sample service', () => {
  let service: ServerlessService;
  let api: TaskTokenApi;
  let sfn: SFNClient;

  beforeAll(async () => {
    service = await loadServerlessService(FIXTURE, { stage: 'local' });
    api = await startTaskTokenApi();
    sfn = new SFNClient(localClientConfig(api.endpoint));
  });
  afterAll(async () => {
    sfn.destroy();
    await api.stop();
  });

  const definition = () => {
    const sm = service.stateMachines.pipeline;
    if (!sm) throw new Error('fixture has no pipeline state machine');
    // As serverless-step-functions does at deploy time: Ref/GetAtt become names and ARNs.
    return service.intrinsics().evaluate(sm.definition) as Record<string, unknown>;
  };

  const tasksFor = (keys: string[], overrides: Record<string, LocalLambdaHandler> = {}) => ({
    discover: () => ({ items: keys.map((key) => ({ key, size: 1 })) }),
    processFile: (event: unknown) => processFile(event as Parameters<typeof processFile>[0]),
    requestReview: () => ({ recorded: true }),
    report: (event: unknown) => report(event as Parameters<typeof report>[0]),
    ...overrides,
  });

  it('retries a handler that throws TransientError, catches a PermanentError by name and pauses at the review gate until SendTaskSuccess', async () => {
    const rec = eventRecorder();
    let inFlight = 0;
    let maxInFlight = 0;
    const notified: unknown[] = [];
    const run = runStateMachine({
      definition: definition(),
      input: {},
      tasks: tasksFor(['r1/a.txt', 'r1/transient.txt', 'r1/broken.txt', 'r1/skip.txt', 'r1/b.txt'], {
        processFile: async (event, context) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          // Yield so that concurrent iterations overlap when the Map lets them.
          await new Promise((r) => setImmediate(r));
          try {
            return await processFile(event as Parameters<typeof processFile>[0]);
          } finally {
            inFlight--;
            expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
          }
        },
      }),
      taskTokens: api.registry,
      functionAliases: functionAliases(service),
      retryDelayMs: 0,
      notifier: (m) => {
        notified.push(m);
      },
      onEvent: rec.onEvent,
    });
    let settled = false;
    void run.then(() => {
      settled = true;
    });

    const waiting = await rec.next(isWaiting);
    // A heartbeat round trip over HTTP proves the token is live while the execution stays paused.
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: waiting.token }));
    expect(settled).toBe(false);
    expect(api.registry.list().map((t) => t.token)).toContain(waiting.token);
    expect(waiting.payload).toMatchObject({ taskToken: waiting.token });

    await sfn.send(
      new SendTaskSuccessCommand({ taskToken: waiting.token, output: JSON.stringify({ approved: true, by: 'alice' }) }),
    );
    const result = await run;
    expect(result.status).toBe('SUCCEEDED');

    const retries = rec.events.filter((e) => e.type === 'state-retried' && e.name === 'ProcessFile');
    expect(retries).toHaveLength(2);
    const failures = rec.events.filter((e) => e.type === 'task-failed' && e.name === 'ProcessFile');
    expect(failures.map((e) => (e.type === 'task-failed' ? e.error : '')).sort()).toEqual([
      'PermanentError',
      'TransientError',
      'TransientError',
    ]);
    expect(maxInFlight).toBe(2);

    // The final state (Notify) has ResultPath null, so the output is the Report result.
    const output = result.output as {
      counts: Record<string, number>;
      items: { key: string; status: string; reason?: string; cause?: string }[];
      review: unknown;
    };
    expect(output.counts).toEqual({ discovered: 5, succeeded: 3, failed: 1, skipped: 1 });
    expect(output.review).toEqual({ approved: true, by: 'alice' });
    const broken = output.items.find((i) => i.key === 'r1/broken.txt');
    expect(broken?.reason).toBe('PermanentError');
    expect(JSON.parse(broken?.cause ?? '{}')).toMatchObject({
      errorType: 'PermanentError',
      errorMessage: 'cannot process r1/broken.txt',
    });
    expect(notified).toEqual([
      {
        TopicArn: 'arn:aws:sns:us-east-1:000000000000:sample-service-local-notifications',
        Subject: 'sample-service run finished',
        Message: '5 discovered, 3 succeeded, 1 failed, 1 skipped',
      },
    ]);
    const iterations = rec.events.filter((e) => e.type === 'map-iteration' && e.status === 'succeeded');
    expect(iterations).toHaveLength(5);
    expect(rec.events).toContainEqual({ type: 'map-started', name: 'ProcessFiles', total: 5 });
  });

  it('fails the execution with the error a reviewer sends through SendTaskFailure', async () => {
    const rec = eventRecorder();
    const run = runStateMachine({
      definition: definition(),
      input: {},
      tasks: tasksFor(['r2/a.txt']),
      taskTokens: api.registry,
      functionAliases: functionAliases(service),
      onEvent: rec.onEvent,
    });
    const { token } = await rec.next(isWaiting);
    await sfn.send(
      new SendTaskFailureCommand({ taskToken: token, error: 'ReviewRejected', cause: 'not de-identified' }),
    );
    const result = await run;
    expect(result).toMatchObject({ status: 'FAILED', error: 'ReviewRejected', cause: 'not de-identified' });
    // The token is spent: Step Functions answers TaskTimedOut for a task that no longer waits.
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
  });

  it('hands the token to the handler so that the handler itself can complete the task', async () => {
    const result = await runStateMachine({
      definition: definition(),
      input: {},
      tasks: tasksFor(['r3/a.txt'], {
        requestReview: async (event) => {
          const { taskToken } = event as { taskToken: string };
          await sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{"approved":false}' }));
          return null;
        },
      }),
      taskTokens: api.registry,
      functionAliases: functionAliases(service),
    });
    expect(result.status).toBe('SUCCEEDED');
    expect((result.output as { review: unknown }).review).toEqual({ approved: false });
  });
});

describe('task-token API errors', () => {
  let api: TaskTokenApi;
  let sfn: SFNClient;
  beforeAll(async () => {
    api = await startTaskTokenApi({ registry: new TaskTokenRegistry() });
    sfn = new SFNClient(localClientConfig(api.endpoint));
  });
  afterAll(async () => {
    sfn.destroy();
    await api.stop();
  });

  it('answers InvalidToken for a malformed token and TaskDoesNotExist for an unknown one', async () => {
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: 'nope', output: '{}' }))).rejects.toMatchObject({
      name: 'InvalidToken',
    });
    await expect(sfn.send(new SendTaskHeartbeatCommand({ taskToken: `AQ${'x'.repeat(64)}` }))).rejects.toMatchObject({
      name: 'TaskDoesNotExist',
    });
  });

  it('rejects output that is not JSON with InvalidOutput and keeps the task waiting', async () => {
    const { token, result } = api.registry.issue({ executionArn: 'arn:x', stateName: 'Gate' });
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: 'not json' }))).rejects.toMatchObject({
      name: 'InvalidOutput',
    });
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '[1]' }));
    await expect(result).resolves.toEqual([1]);
  });
});

describe('runStateMachine semantics', () => {
  const gate = (extra: Record<string, unknown>) => ({
    StartAt: 'Gate',
    States: {
      Gate: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: 'notify', Payload: { token: '$$.Task.Token', 'token2.$': '$$.Task.Token' } },
        ...extra,
        End: true,
      },
    },
  });

  it('ends a callback task with States.Timeout when no heartbeat arrives within HeartbeatSeconds', async () => {
    const result = await runStateMachine({
      definition: gate({ HeartbeatSeconds: 1 }),
      input: {},
      tasks: { notify: () => null },
    });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });

  it('ends a callback task with States.Timeout after TimeoutSeconds', async () => {
    const result = await runStateMachine({
      definition: gate({ TimeoutSeconds: 1 }),
      input: {},
      tasks: { notify: () => null },
    });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });

  it('passes the Lambda error record as Cause and the error name as Error to a Catch', async () => {
    class QuotaExceeded extends Error {
      override readonly name = 'QuotaExceeded';
    }
    const result = await runStateMachine({
      definition: {
        StartAt: 'Work',
        States: {
          Work: {
            Type: 'Task',
            Resource: { 'Fn::GetAtt': ['work', 'Arn'] },
            Catch: [{ ErrorEquals: ['QuotaExceeded'], Next: 'Caught' }],
            End: true,
          },
          Caught: { Type: 'Pass', End: true },
        },
      },
      input: {},
      tasks: {
        work: () => {
          throw new QuotaExceeded('too many');
        },
      },
    });
    const output = result.output as { Error: string; Cause: string };
    expect(output.Error).toBe('QuotaExceeded');
    expect(JSON.parse(output.Cause)).toMatchObject({ errorType: 'QuotaExceeded', errorMessage: 'too many' });
  });

  it('wraps a lambda:invoke result like the optimized integration (Payload, StatusCode)', async () => {
    const result = await runStateMachine({
      definition: {
        StartAt: 'Call',
        States: {
          Call: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: {
              FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:svc-local-echo',
              'Payload.$': '$',
            },
            End: true,
          },
        },
      },
      input: { n: 1 },
      tasks: { echo: { handler: (event) => ({ got: event }), functionName: 'svc-local-echo' } },
      functionAliases: { 'svc-local-echo': 'echo' },
    });
    expect(result.output).toMatchObject({ Payload: { got: { n: 1 } }, StatusCode: 200, ExecutedVersion: '$LATEST' });
  });

  it('refuses unsupported integrations and Distributed Map readers up front, naming the state', async () => {
    await expect(
      runStateMachine({
        definition: {
          StartAt: 'Ecs',
          States: { Ecs: { Type: 'Task', Resource: 'arn:aws:states:::ecs:runTask.sync', End: true } },
        },
        input: {},
        tasks: {},
      }),
    ).rejects.toThrow(/State "Ecs".*ecs:runTask\.sync/);
    await expect(
      runStateMachine({
        definition: {
          StartAt: 'Big',
          States: {
            Big: {
              Type: 'Map',
              ItemReader: { Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b', Key: 'k' } },
              ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
              End: true,
            },
          },
        },
        input: {},
        tasks: {},
      }),
    ).rejects.toBeInstanceOf(UnsupportedStateError);
  });

  it('runs a Distributed Map without an ItemReader like an inline Map', async () => {
    const result = await runStateMachine({
      definition: {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemProcessor: {
              ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
              StartAt: 'Double',
              States: { Double: { Type: 'Task', Resource: { 'Fn::GetAtt': ['double', 'Arn'] }, End: true } },
            },
            End: true,
          },
        },
      },
      input: [1, 2, 3],
      tasks: { double: (n) => Number(n) * 2 },
    });
    expect(result.output).toEqual([2, 4, 6]);
  });
});
