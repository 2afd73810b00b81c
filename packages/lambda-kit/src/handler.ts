import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { FsxnError, formatIssues, toBoundaryError, ValidationError } from './errors';
import { createLogger, type Logger } from './logger';
import { createMetrics, type MetricsSink } from './metrics';

/** What a handler body receives besides its event. */
export interface HandlerContext {
  /** The Lambda context as the runtime passed it. */
  lambda: Context;
  /** A child of the base logger bound to `awsRequestId`, `functionName` and, when known, `executionArn`. */
  log: Logger;
  /** Flushed after every invocation, also when it fails. */
  metrics: MetricsSink;
  /** Aborted shortly before Lambda would kill the invocation; pass it to SDK calls and streams. */
  signal: AbortSignal;
}

export interface HandlerOptions {
  service: string;
  /** The base logger; built once from the environment when omitted. */
  logger?: Logger;
  /** A sink per invocation; EMF to stdout with dimensions service + function by default. */
  metrics?: (lambda: Context) => MetricsSink;
  /**
   * How long before the Lambda deadline the invocation is failed with `HandlerTimeoutError`, leaving time
   * to log and flush metrics. 0 turns the early timeout off (Lambda's own timeout then applies).
   */
  timeoutEarlyInMillis?: number;
}

export type HandlerFn<TEvent, TResult> = (event: TEvent, ctx: HandlerContext) => Promise<TResult>;

/** The function exported to Lambda (and called in-process by the local state-machine runner). */
export type LambdaHandler<TEvent, TResult> = (event: TEvent, context: Context) => Promise<TResult>;

/**
 * The invocation ran out of time. Permanent: a step that times out usually does so on every attempt
 * (the input is too large for the function), so the state machine's Catch records it instead of
 * retrying it; this matches AWS's guidance of not retrying `States.Timeout` by default.
 */
export class HandlerTimeoutError extends FsxnError {
  override readonly name = 'HandlerTimeoutError';
}

const DEFAULT_TIMEOUT_EARLY_MS = 500;

interface Invocation {
  lambda: Context;
  log: Logger;
  metrics: MetricsSink;
}

/**
 * Wraps a handler body in the preset every function uses (a middy pipeline):
 * per-invocation child logger, optional zod validation of the event (invalid -> `PermanentError` whose
 * cause is a `ValidationError` listing the issues), errors mapped with `toBoundaryError` and logged once
 * with the original error, metrics flushed after every invocation, early timeout with an abort signal.
 *
 * With a schema the handler accepts any event (it is checked at run time), so callers such as the local
 * state-machine runner need no casts.
 *
 * Call it at module scope so the logger and everything the body closes over are built once per cold start.
 */
export function createHandler<TSchema extends z.ZodType, TResult>(
  options: HandlerOptions & { schema: TSchema },
  fn: HandlerFn<z.output<TSchema>, TResult>,
): LambdaHandler<unknown, TResult>;
export function createHandler<TEvent, TResult>(
  options: HandlerOptions & { schema?: undefined },
  fn: HandlerFn<TEvent, TResult>,
): LambdaHandler<TEvent, TResult>;
export function createHandler(
  options: HandlerOptions & { schema?: z.ZodType },
  fn: HandlerFn<unknown, unknown>,
): LambdaHandler<unknown, unknown> {
  const baseLogger = options.logger ?? createLogger({ service: options.service });
  const metricsFor =
    options.metrics ??
    ((lambda: Context) => createMetrics({ service: options.service, functionName: lambda.functionName }));
  const { schema } = options;
  // Keyed by a per-invocation view of the context, so concurrent in-process invocations sharing one
  // context object (the local runner's Map iterations) keep their own logger and metrics.
  const invocations = new WeakMap<Context, Invocation>();
  let coldStart = true;

  const middleware: MiddlewareObj<unknown, unknown, Error, Context> = {
    name: 'fsxnLambdaDefaults',
    before: (request) => {
      const lambda = request.context;
      const executionArn = executionArnOf(request.event);
      const log = baseLogger.child({
        awsRequestId: lambda.awsRequestId,
        functionName: lambda.functionName,
        ...(executionArn ? { executionArn } : {}),
        coldStart,
      });
      coldStart = false;
      const scoped: Context = Object.create(lambda);
      invocations.set(scoped, { lambda, log, metrics: metricsFor(lambda) });
      request.context = scoped;
      log.debug('invocation started');
      if (schema) request.event = validate(schema, request.event);
    },
    after: (request) => {
      const invocation = invocations.get(request.context);
      if (invocation) flushMetrics(invocation);
    },
    onError: (request) => {
      const original: unknown = request.error;
      const boundary = toBoundaryError(original);
      const invocation = invocations.get(request.context);
      const log = invocation?.log ?? baseLogger;
      log.error({ err: original, boundaryError: boundary.name }, 'invocation failed');
      if (invocation) flushMetrics(invocation);
      request.error = boundary;
    },
  };

  const timeoutEarlyInMillis = options.timeoutEarlyInMillis ?? DEFAULT_TIMEOUT_EARLY_MS;
  // Middy's own early timeout is off: it shares one AbortController between invocations, so in-process
  // concurrent invocations (the local runner's Map) would abort each other. `withDeadline` is per invocation.
  const handler = middy<unknown, unknown, Error, Context>({ timeoutEarlyInMillis: 0 })
    .use(middleware)
    .handler((event, context) => {
      const invocation = invocations.get(context);
      if (!invocation) throw new FsxnError('Handler invoked outside the lambda-kit middleware');
      const { lambda, log, metrics } = invocation;
      return withDeadline(lambda, timeoutEarlyInMillis, (signal) => fn(event, { lambda, log, metrics, signal }));
    });
  return (event, context) => handler(event, context);
}

/**
 * Runs `work` and fails it with `HandlerTimeoutError` `earlyMs` before the Lambda deadline, aborting the
 * signal so SDK calls and streams stop. Without a deadline (no `getRemainingTimeInMillis`) or with
 * `earlyMs <= 0` it only runs `work`.
 */
const withDeadline = async <T>(
  lambda: Context,
  earlyMs: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> => {
  const controller = new AbortController();
  if (earlyMs <= 0 || typeof lambda.getRemainingTimeInMillis !== 'function') return work(controller.signal);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => {
        const err = new HandlerTimeoutError(`Invocation stopped ${earlyMs} ms before the Lambda timeout`);
        controller.abort(err);
        reject(err);
      },
      Math.max(0, lambda.getRemainingTimeInMillis() - earlyMs),
    );
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
};

const validate = (schema: z.ZodType, event: unknown): unknown => {
  const result = schema.safeParse(event);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
  throw new ValidationError(`Invalid event: ${formatIssues(issues)}`, issues);
};

const flushMetrics = (invocation: Invocation): void => {
  try {
    invocation.metrics.flush();
  } catch (err) {
    // Losing metrics must not fail work that already succeeded or hide the error being reported.
    invocation.log.warn({ err }, 'metrics flush failed');
  }
};

/**
 * Events from our state machines carry the execution ARN (`"executionArn.$": "$$.Execution.Id"`) at top
 * level or under `context`; it ties every log line to the execution.
 */
export const executionArnOf = (event: unknown): string | undefined => {
  if (event === null || typeof event !== 'object') return undefined;
  const topLevel = (event as { executionArn?: unknown }).executionArn;
  if (isExecutionArn(topLevel)) return topLevel;
  const nested = (event as { context?: unknown }).context;
  if (nested === null || typeof nested !== 'object') return undefined;
  const fromContext = (nested as { executionArn?: unknown }).executionArn;
  return isExecutionArn(fromContext) ? fromContext : undefined;
};

const EXECUTION_ARN = /^arn:[\w-]+:states:/;

const isExecutionArn = (value: unknown): value is string => typeof value === 'string' && EXECUTION_ARN.test(value);
