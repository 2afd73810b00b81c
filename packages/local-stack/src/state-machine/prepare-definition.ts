import { isRecord } from '../util/is-record';
import { UnsupportedStateError } from './errors';
import { MAX_TIMER_SECONDS } from './task-tokens';

export type DynamoDbOperation = 'putItem' | 'getItem' | 'updateItem' | 'deleteItem';

/** How a Task state's Resource is executed locally. */
export type TaskBinding =
  | {
      kind: 'lambda';
      style: 'direct' | 'invoke';
      functionRef: unknown;
      waitForToken: boolean;
      heartbeatSeconds?: number;
      timeoutSeconds?: number;
    }
  | { kind: 'sns'; waitForToken: boolean; heartbeatSeconds?: number; timeoutSeconds?: number }
  | { kind: 'events'; waitForToken: boolean; heartbeatSeconds?: number; timeoutSeconds?: number }
  | { kind: 'dynamodb'; operation: DynamoDbOperation };

export interface PreparedDefinition {
  /** The definition handed to aws-local-stepfunctions (Resources replaced by stand-in ARNs it accepts). */
  definition: Record<string, unknown>;
  /** State name → binding, for every Task at any depth. */
  tasks: Map<string, TaskBinding>;
  /** Map state name → its ItemsPath/InputPath, to count items for progress. */
  maps: Map<string, { itemsPath?: string; inputPath?: string }>;
}

/** Stands for `$$.Task.Token` in Parameters; replaced by a fresh token on each invocation. */
export const TASK_TOKEN_MARKER = '__FSXN_LOCAL_TASK_TOKEN__';
const WAIT_SUFFIX = '.waitForTaskToken';
/** Lambda caps a function at 900 s; without TimeoutSeconds the library would stop a task after 60 s. */
const LAMBDA_TASK_DEFAULT_TIMEOUT = 900;

const DYNAMODB_PATTERN = /^arn:aws:states:::(?:aws-sdk:)?dynamodb:(putItem|getItem|updateItem|deleteItem)$/;

const classify = (stateName: string, state: Record<string, unknown>): TaskBinding => {
  const resource = state.Resource;
  const timing = {
    ...(typeof state.HeartbeatSeconds === 'number' ? { heartbeatSeconds: state.HeartbeatSeconds } : {}),
    ...(typeof state.TimeoutSeconds === 'number' ? { timeoutSeconds: state.TimeoutSeconds } : {}),
  };
  if (typeof resource !== 'string') {
    if (isRecord(resource) && ('Fn::GetAtt' in resource || 'Ref' in resource)) {
      return { kind: 'lambda', style: 'direct', functionRef: resource, waitForToken: false, ...timing };
    }
    throw new UnsupportedStateError(
      stateName,
      `Resource ${JSON.stringify(resource)} is not a Lambda function reference`,
    );
  }
  if (resource.startsWith('arn:aws:lambda:')) {
    return { kind: 'lambda', style: 'direct', functionRef: resource, waitForToken: false, ...timing };
  }
  const waitForToken = resource.endsWith(WAIT_SUFFIX);
  const base = waitForToken ? resource.slice(0, -WAIT_SUFFIX.length) : resource;
  if (base === 'arn:aws:states:::lambda:invoke') {
    const params = isRecord(state.Parameters) ? state.Parameters : {};
    const functionRef = params.FunctionName;
    if (functionRef === undefined && !('FunctionName.$' in params)) {
      throw new UnsupportedStateError(stateName, 'lambda:invoke needs Parameters.FunctionName');
    }
    return { kind: 'lambda', style: 'invoke', functionRef, waitForToken, ...timing };
  }
  if (base === 'arn:aws:states:::sns:publish') return { kind: 'sns', waitForToken, ...timing };
  if (base === 'arn:aws:states:::events:putEvents') return { kind: 'events', waitForToken, ...timing };
  const dynamo = DYNAMODB_PATTERN.exec(resource);
  if (dynamo?.[1]) return { kind: 'dynamodb', operation: dynamo[1] as DynamoDbOperation };
  throw new UnsupportedStateError(
    stateName,
    `Resource "${resource}" is not supported locally (supported: Lambda functions, lambda:invoke[.waitForTaskToken], sns:publish, events:putEvents, dynamodb:putItem/getItem/updateItem/deleteItem)`,
  );
};

/** Replaces `$$.Task.Token` references in a payload template by the token marker; returns whether any was found. */
const rewriteTaskToken = (template: unknown): { value: unknown; found: boolean } => {
  if (Array.isArray(template)) {
    let found = false;
    const value = template.map((item) => {
      const r = rewriteTaskToken(item);
      found ||= r.found;
      return r.value;
    });
    return { value, found };
  }
  if (!isRecord(template)) return { value: template, found: false };
  let found = false;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && value === '$$.Task.Token') {
      out[key.slice(0, -2)] = TASK_TOKEN_MARKER;
      found = true;
    } else if (key.endsWith('.$') && typeof value === 'string' && value.includes('$$.Task.Token')) {
      // Inside an intrinsic function (States.Format(…, $$.Task.Token)) the token marker becomes a string literal.
      out[key] = value.replaceAll('$$.Task.Token', `'${TASK_TOKEN_MARKER}'`);
      found = true;
    } else {
      const r = rewriteTaskToken(value);
      out[key] = r.value;
      found ||= r.found;
    }
  }
  return { value: out, found };
};

const REJECTED_FIELDS: Record<string, string> = {
  Assign: 'variables (Assign) are not supported by the local runner',
  Output: 'JSONata (Output) is not supported by the local runner',
  Arguments: 'JSONata (Arguments) is not supported by the local runner',
  ItemReader: 'Distributed Map ItemReader is not supported locally; feed the items through the state input (ItemsPath)',
  ItemBatcher: 'Distributed Map ItemBatcher is not supported locally',
  ResultWriter: 'Distributed Map ResultWriter is not supported locally',
  ToleratedFailurePercentage: 'Distributed Map tolerated failures are not supported locally',
  ToleratedFailureCount: 'Distributed Map tolerated failures are not supported locally',
  Credentials: 'cross-account Credentials are not supported locally',
};

/**
 * Checks a state machine definition against what the local runner can execute and rewrites it for
 * aws-local-stepfunctions: each Task gets a binding, Task Resources become stand-in ARNs, `$$.Task.Token`
 * becomes a per-invocation token, and tasks get AWS-like timeouts instead of the library's 60 s default.
 * A Distributed Map without ItemReader/ItemBatcher/ResultWriter runs as an inline Map (same results).
 */
export const prepareDefinition = (source: Record<string, unknown>): PreparedDefinition => {
  const definition = structuredClone(source);
  const tasks = new Map<string, TaskBinding>();
  const maps = new Map<string, { itemsPath?: string; inputPath?: string }>();
  const seen = new Set<string>();
  if (definition.QueryLanguage === 'JSONata') {
    throw new UnsupportedStateError('(top level)', 'QueryLanguage JSONata is not supported by the local runner');
  }

  const visit = (machine: Record<string, unknown>) => {
    const states = machine.States;
    if (!isRecord(states)) throw new UnsupportedStateError('(definition)', 'States is missing');
    for (const [name, state] of Object.entries(states)) {
      if (!isRecord(state)) throw new UnsupportedStateError(name, 'is not an object');
      // Local handlers are looked up by state name, so names must be unique at every depth (AWS requires it too).
      if (seen.has(name)) throw new UnsupportedStateError(name, 'the state name is used twice');
      seen.add(name);
      if (state.QueryLanguage === 'JSONata') throw new UnsupportedStateError(name, 'JSONata is not supported locally');
      for (const [field, why] of Object.entries(REJECTED_FIELDS)) {
        if (field in state) throw new UnsupportedStateError(name, why);
      }
      if (state.Type === 'Task') prepareTask(name, state);
      if (state.Type === 'Map') {
        const processor = isRecord(state.ItemProcessor) ? state.ItemProcessor : state.Iterator;
        if (!isRecord(processor)) throw new UnsupportedStateError(name, 'Map needs ItemProcessor or Iterator');
        if (isRecord(processor.ProcessorConfig)) delete processor.ProcessorConfig;
        maps.set(name, {
          ...(typeof state.ItemsPath === 'string' ? { itemsPath: state.ItemsPath } : {}),
          ...(typeof state.InputPath === 'string' ? { inputPath: state.InputPath } : {}),
        });
        visit(processor);
      }
      if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
        for (const branch of state.Branches) if (isRecord(branch)) visit(branch);
      }
    }
  };

  const prepareTask = (name: string, state: Record<string, unknown>) => {
    const binding = classify(name, state);
    tasks.set(name, binding);
    const waits = binding.kind !== 'dynamodb' && binding.waitForToken;
    if (waits) {
      const rewritten = rewriteTaskToken(state.Parameters);
      if (!rewritten.found) throw new UnsupportedStateError(name, '.waitForTaskToken task does not pass $$.Task.Token');
      state.Parameters = rewritten.value;
    }
    delete state.HeartbeatSeconds;
    delete state.HeartbeatSecondsPath;
    if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) {
      // AWS lets a callback task wait up to a year; a Lambda task is bounded by the function's own timeout.
      state.TimeoutSeconds = waits ? MAX_TIMER_SECONDS : LAMBDA_TASK_DEFAULT_TIMEOUT;
    }
    state.Resource = `arn:aws:lambda:us-east-1:000000000000:function:local-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  };

  visit(definition);
  return { definition, tasks, maps };
};
