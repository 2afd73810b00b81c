import './polyfill';
import { randomUUID } from 'node:crypto';
import {
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  ExecutionAbortedError,
  ExecutionError,
  ExecutionTimeoutError,
  type RunOptions,
  StateMachine,
  type StateMachineDefinition,
} from 'aws-local-stepfunctions';
import { isRecord } from '../util/is-record';
import { HandlerResolutionError, UnsupportedStateError } from './errors';
import { type LocalFunction, type LocalLambdaHandler, lambdaContext } from './lambda';
import { type DynamoDbOperation, prepareDefinition, TASK_TOKEN_MARKER, type TaskBinding } from './prepare-definition';
import { TaskFailure, TaskTokenRegistry } from './task-tokens';

type LocalHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type JsonValue = Awaited<ReturnType<LocalHandlers[string]>>;

/** Progress of an execution, for displays and tests. `index` is the Map iteration a state ran in. */
export type RunEvent =
  | { type: 'execution-started'; executionArn: string }
  | { type: 'state-entered'; name: string; stateType: string; index?: number }
  | { type: 'state-exited'; name: string; stateType: string; index?: number; output: unknown }
  | { type: 'task-failed'; name: string; error: string; cause: string; index?: number }
  | { type: 'state-retried'; name: string; attempt: number; index?: number }
  | { type: 'state-caught'; name: string; index?: number }
  | { type: 'map-started'; name: string; total: number | undefined }
  | { type: 'map-iteration'; name: string; index: number; status: 'started' | 'succeeded' | 'failed' }
  | { type: 'waiting-for-task-token'; name: string; token: string; payload: unknown }
  | { type: 'task-token-settled'; name: string; token: string; outcome: 'success' | 'failure' }
  | { type: 'execution-succeeded'; output: unknown }
  | { type: 'execution-failed'; error: string; cause: string };

export interface SnsMessage {
  TopicArn?: string;
  Subject?: string;
  Message: unknown;
}

export interface RunStateMachineOptions {
  definition: Record<string, unknown>;
  input: unknown;
  /** Function key → handler (or handler with name/timeout for its Context). */
  tasks: Readonly<Record<string, LocalFunction | LocalLambdaHandler>>;
  /** Deployed names / logical ids → function keys, for Resources that use them. */
  functionAliases?: Readonly<Record<string, string>>;
  /** Shared with the task-token API; a private one is created when omitted. */
  taskTokens?: TaskTokenRegistry;
  /** `sns:publish`: offline this prints or records the message. */
  notifier?: (message: SnsMessage) => void | Promise<void>;
  /** `events:putEvents`: offline this prints or records the entries. */
  eventSink?: (entries: unknown[]) => void | Promise<void>;
  /** Needed when the definition uses dynamodb:* integrations. */
  dynamodb?: DynamoDBClient;
  onEvent?: (event: RunEvent) => void;
  abortSignal?: AbortSignal;
  stateMachineName?: string;
  executionName?: string;
  /** Replaces every Retry interval (ms), for quick local iterations and tests. */
  retryDelayMs?: number;
}

export interface RunResult {
  executionArn: string;
  status: 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';
  output?: unknown;
  error?: string;
  cause?: string;
  startedAt: string;
  finishedAt: string;
}

const toJson = (value: unknown): JsonValue => JSON.parse(JSON.stringify(value ?? null)) as JsonValue;

const replaceToken = (value: unknown, token: string): unknown => {
  if (typeof value === 'string') return value.replaceAll(TASK_TOKEN_MARKER, token);
  if (Array.isArray(value)) return value.map((v) => replaceToken(v, token));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceToken(v, token)]));
  return value;
};

/** The name a Resource/FunctionName refers to: GetAtt/Ref logical id, the name in an ARN, or a plain name. */
const referencedName = (ref: unknown): string | undefined => {
  if (isRecord(ref)) {
    const getAtt = ref['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
    if (typeof getAtt === 'string') return getAtt.split('.')[0];
    return typeof ref.Ref === 'string' ? ref.Ref : undefined;
  }
  if (typeof ref !== 'string') return undefined;
  const arn = /:function:([^:]+)(?::[^:]+)?$/.exec(ref);
  return arn?.[1] ?? ref;
};

/** Simple `$.a.b[0]` paths, enough to count a Map's items for progress. */
const readPath = (value: unknown, path: string | undefined): unknown => {
  if (path === undefined || path === '$') return value;
  if (!path.startsWith('$')) return undefined;
  let node = value;
  for (const segment of path.slice(1).match(/[^.[\]]+/g) ?? []) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else node = isRecord(node) ? node[segment.replace(/^['"]|['"]$/g, '')] : undefined;
  }
  return node;
};

const lambdaFailure = (error: unknown): TaskFailure => {
  const errorType = error instanceof Error ? error.name || 'Error' : 'Error';
  const errorMessage = error instanceof Error ? error.message : String(error);
  const trace = error instanceof Error ? (error.stack?.split('\n') ?? []) : [];
  // The Cause AWS reports for a failed Lambda task: the runtime's JSON error record.
  return new TaskFailure(errorType, JSON.stringify({ errorType, errorMessage, trace }));
};

const sdkMetadata = (requestId: string) => ({
  SdkHttpMetadata: { HttpStatusCode: 200 },
  SdkResponseMetadata: { RequestId: requestId },
});

const defaultNotifier = (message: SnsMessage) => {
  const text = typeof message.Message === 'string' ? message.Message : JSON.stringify(message.Message, null, 2);
  process.stderr.write(
    `[sns:publish ${message.TopicArn ?? ''}] ${message.Subject ? `${message.Subject}\n` : ''}${text}\n`,
  );
};

const defaultEventSink = (entries: unknown[]) => {
  process.stderr.write(`[events:putEvents] ${JSON.stringify(entries)}\n`);
};

/** Parameters of a dynamodb:* Task are the API request in DynamoDB JSON, as the SDK commands take it. */
const sendDynamoDb = async (client: DynamoDBClient, operation: DynamoDbOperation, params: Record<string, unknown>) => {
  const request = params as never;
  switch (operation) {
    case 'putItem':
      return client.send(new PutItemCommand(request));
    case 'getItem':
      return client.send(new GetItemCommand(request));
    case 'updateItem':
      return client.send(new UpdateItemCommand(request));
    case 'deleteItem':
      return client.send(new DeleteItemCommand(request));
  }
};

/**
 * Executes a state machine definition (as written for serverless-step-functions) in-process with
 * aws-local-stepfunctions, mapping Lambda tasks to local handlers with Lambda's error semantics,
 * `.waitForTaskToken` tasks to real pauses settled through the task-token registry, and sns/events/
 * dynamodb integrations to local equivalents.
 */
export const runStateMachine = async (options: RunStateMachineOptions): Promise<RunResult> => {
  const prepared = prepareDefinition(options.definition);
  const registry = options.taskTokens ?? new TaskTokenRegistry();
  const emit = options.onEvent ?? (() => undefined);
  const smName = options.stateMachineName ?? 'local';
  const executionName = options.executionName ?? randomUUID();
  const executionArn = `arn:aws:states:us-east-1:000000000000:execution:${smName}:${executionName}`;

  const resolveFunctionKey = (stateName: string, ref: unknown): string => {
    const name = referencedName(ref);
    const key = name === undefined ? undefined : name in options.tasks ? name : options.functionAliases?.[name];
    if (key === undefined || !(key in options.tasks)) {
      throw new HandlerResolutionError(`State "${stateName}": no local handler for function ${JSON.stringify(ref)}`);
    }
    return key;
  };
  // Fail before the first state runs when a Task names an unknown function or an integration lacks its backend.
  for (const [stateName, binding] of prepared.tasks) {
    if (binding.kind === 'lambda' && binding.functionRef !== undefined)
      resolveFunctionKey(stateName, binding.functionRef);
    if (binding.kind === 'dynamodb' && !options.dynamodb) {
      throw new UnsupportedStateError(
        stateName,
        `dynamodb:${binding.operation} needs a local DynamoDB (run it through the service stack)`,
      );
    }
  }

  const invoke = async (key: string, event: unknown): Promise<unknown> => {
    const entry = options.tasks[key];
    if (entry === undefined) throw new HandlerResolutionError(`No local handler for function ${key}`);
    const fn: LocalFunction = typeof entry === 'function' ? { handler: entry } : entry;
    const context = lambdaContext(fn.functionName ?? key, fn.timeoutSeconds);
    try {
      // Lambda hands a handler a fresh copy of the JSON event and serializes what it returns.
      return toJson(await fn.handler(structuredClone(event), context));
    } catch (error) {
      throw lambdaFailure(error);
    }
  };

  /** Starts a callback task: issue a token, run `start` with it, then wait for SendTask*. */
  const withTaskToken = async (
    stateName: string,
    binding: { heartbeatSeconds?: number; timeoutSeconds?: number },
    payload: unknown,
    start: (payloadWithToken: unknown) => Promise<unknown>,
  ): Promise<JsonValue> => {
    const { token, result } = registry.issue({
      executionArn,
      stateName,
      ...(binding.heartbeatSeconds !== undefined ? { heartbeatSeconds: binding.heartbeatSeconds } : {}),
      ...(binding.timeoutSeconds !== undefined ? { timeoutSeconds: binding.timeoutSeconds } : {}),
      payload: (issued: string) => replaceToken(payload, issued),
    });
    const withToken = replaceToken(payload, token);
    try {
      await start(withToken);
    } catch (error) {
      registry.cancel(executionArn, token);
      throw error;
    }
    // Emitted once the task was handed out (e.g. the review record exists), so listeners can act on it.
    emit({ type: 'waiting-for-task-token', name: stateName, token, payload: withToken });
    try {
      const output = await result;
      emit({ type: 'task-token-settled', name: stateName, token, outcome: 'success' });
      return toJson(output);
    } catch (error) {
      emit({ type: 'task-token-settled', name: stateName, token, outcome: 'failure' });
      throw error;
    }
  };

  const runTask = async (stateName: string, binding: TaskBinding, input: unknown): Promise<JsonValue> => {
    const params = isRecord(input) ? input : {};
    switch (binding.kind) {
      case 'lambda': {
        const key = resolveFunctionKey(stateName, binding.functionRef ?? params.FunctionName);
        if (binding.style === 'direct') return toJson(await invoke(key, input));
        const payload = params.Payload ?? {};
        if (binding.waitForToken) return withTaskToken(stateName, binding, payload, (event) => invoke(key, event));
        const requestId = randomUUID();
        const result = await invoke(key, payload);
        return toJson({ ExecutedVersion: '$LATEST', Payload: result, StatusCode: 200, ...sdkMetadata(requestId) });
      }
      case 'sns': {
        const notify = options.notifier ?? defaultNotifier;
        const publish = async (message: unknown) => {
          const m = isRecord(message) ? message : {};
          await notify({
            Message: m.Message,
            ...(typeof m.TopicArn === 'string' ? { TopicArn: m.TopicArn } : {}),
            ...(typeof m.Subject === 'string' ? { Subject: m.Subject } : {}),
          });
          return { MessageId: randomUUID(), ...sdkMetadata(randomUUID()) };
        };
        if (binding.waitForToken) return withTaskToken(stateName, binding, input, publish);
        return toJson(await publish(input));
      }
      case 'events': {
        const sink = options.eventSink ?? defaultEventSink;
        const put = async (request: unknown) => {
          const entries = isRecord(request) && Array.isArray(request.Entries) ? request.Entries : [];
          await sink(entries);
          return { Entries: entries.map(() => ({ EventId: randomUUID() })), FailedEntryCount: 0 };
        };
        if (binding.waitForToken) return withTaskToken(stateName, binding, input, put);
        return toJson(await put(input));
      }
      case 'dynamodb':
        return runDynamoDb(binding.operation, params);
    }
  };

  const runDynamoDb = async (operation: DynamoDbOperation, params: Record<string, unknown>): Promise<JsonValue> => {
    const client = options.dynamodb;
    if (!client) throw new TaskFailure('States.Runtime', 'no DynamoDB client');
    try {
      // Parameters are the API request in DynamoDB JSON, exactly what the SDK command takes.
      const { $metadata: _metadata, ...output } = await sendDynamoDb(client, operation, params);
      return toJson(output);
    } catch (error) {
      // Step Functions prefixes service errors of optimized integrations with the service name.
      const name = error instanceof Error ? error.name : 'Error';
      throw new TaskFailure(`DynamoDB.${name}`, error instanceof Error ? error.message : String(error));
    }
  };

  const handlers: LocalHandlers = {};
  for (const [stateName, binding] of prepared.tasks) {
    handlers[stateName] = (input) => runTask(stateName, binding, input);
  }
  const retryIntervalOverrides: Record<string, number> = {};
  if (options.retryDelayMs !== undefined) {
    for (const name of [...prepared.tasks.keys(), ...prepared.maps.keys()])
      retryIntervalOverrides[name] = options.retryDelayMs;
  }

  const machine = new StateMachine(prepared.definition as unknown as StateMachineDefinition, {
    validationOptions: { checkArn: false },
  });
  const startedAt = new Date().toISOString();
  emit({ type: 'execution-started', executionArn });
  const execution = machine.run(toJson(options.input), {
    overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides },
    context: {
      Execution: { Id: executionArn, Name: executionName, RoleArn: 'arn:aws:iam::000000000000:role/local' },
      StateMachine: { Id: `arn:aws:states:us-east-1:000000000000:stateMachine:${smName}`, Name: smName },
    },
  });
  const onAbort = () => execution.abort();
  options.abortSignal?.addEventListener('abort', onAbort, { once: true });
  if (options.abortSignal?.aborted) execution.abort();

  const forwarding = (async () => {
    for await (const event of execution.eventLogs) {
      const index = 'index' in event && typeof event.index === 'number' ? { index: event.index } : {};
      switch (event.type) {
        case 'StateEntered': {
          emit({ type: 'state-entered', name: event.state.name, stateType: event.state.type, ...index });
          const map = prepared.maps.get(event.state.name);
          if (map) {
            const items = readPath(readPath(event.state.input, map.inputPath), map.itemsPath);
            emit({
              type: 'map-started',
              name: event.state.name,
              total: Array.isArray(items) ? items.length : undefined,
            });
          }
          break;
        }
        case 'StateExited':
          emit({
            type: 'state-exited',
            name: event.state.name,
            stateType: event.state.type,
            output: event.state.output,
            ...index,
          });
          break;
        case 'StateFailed':
          emit({
            type: 'task-failed',
            name: event.state.name,
            error: event.Error,
            cause: String(event.Cause),
            ...index,
          });
          break;
        case 'StateRetried':
          emit({ type: 'state-retried', name: event.state.name, attempt: event.retry.attempt, ...index });
          break;
        case 'StateCaught':
          emit({ type: 'state-caught', name: event.state.name, ...index });
          break;
        case 'MapIterationStarted':
        case 'MapIterationSucceeded':
        case 'MapIterationFailed': {
          const status =
            event.type === 'MapIterationStarted'
              ? 'started'
              : event.type === 'MapIterationSucceeded'
                ? 'succeeded'
                : 'failed';
          emit({ type: 'map-iteration', name: event.parentState.name, index: event.index, status });
          break;
        }
        default:
          break;
      }
    }
  })();

  let result: RunResult;
  try {
    const output = await execution.result;
    result = { executionArn, status: 'SUCCEEDED', output, startedAt, finishedAt: new Date().toISOString() };
  } catch (error) {
    const finishedAt = new Date().toISOString();
    if (error instanceof ExecutionAbortedError) {
      result = {
        executionArn,
        status: 'ABORTED',
        error: 'States.Aborted',
        cause: 'Execution aborted',
        startedAt,
        finishedAt,
      };
    } else if (error instanceof ExecutionTimeoutError) {
      result = {
        executionArn,
        status: 'TIMED_OUT',
        error: 'States.Timeout',
        cause: 'Execution timed out',
        startedAt,
        finishedAt,
      };
    } else if (error instanceof ExecutionError && error.cause instanceof Error) {
      result = {
        executionArn,
        status: 'FAILED',
        error: error.cause.name,
        cause: error.cause.message,
        startedAt,
        finishedAt,
      };
    } else {
      throw error;
    }
  } finally {
    options.abortSignal?.removeEventListener('abort', onAbort);
    registry.cancel(executionArn);
  }
  await forwarding;
  if (result.status === 'SUCCEEDED') emit({ type: 'execution-succeeded', output: result.output });
  else emit({ type: 'execution-failed', error: result.error ?? 'States.Runtime', cause: result.cause ?? '' });
  return result;
};
