import { fakeContext } from '@fsxn/testing';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PermanentError, TransientError, ValidationError } from '../src/errors';
import { createHandler, executionArnOf, HandlerTimeoutError } from '../src/handler';
import { createLogger } from '../src/logger';
import { createMetrics, type MetricsSink } from '../src/metrics';

const EXECUTION_ARN = 'arn:aws:states:us-east-1:123456789012:execution:uc01-dev:run-42';

const setup = () => {
  const chunks: string[] = [];
  const logger = createLogger({ service: 'uc01', destination: { write: (c: string) => void chunks.push(c) }, env: {} });
  const emf: string[] = [];
  const sinks: MetricsSink[] = [];
  const metrics = () => {
    const sink = createMetrics({
      service: 'uc01',
      functionName: 'test-function',
      write: (l) => void emf.push(l),
      env: {},
    });
    sinks.push(sink);
    return sink;
  };
  const records = () =>
    chunks
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown> & { msg: string });
  return { logger, metrics, emf, sinks, records };
};

const eventSchema = z.object({
  key: z.string().min(1),
  size: z.number().int().nonnegative(),
  executionArn: z.string().optional(),
});

const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the handler to reject');
};

describe('createHandler', () => {
  it('passes the parsed event and a context with a bound child logger, and flushes metrics', async () => {
    const { logger, metrics, emf, records } = setup();
    const handler = createHandler({ service: 'uc01', schema: eventSchema, logger, metrics }, async (event, ctx) => {
      ctx.log.info({ key: event.key }, 'processing');
      ctx.metrics.addMetric('BytesRead', 'Bytes', event.size);
      expect(ctx.lambda.awsRequestId).toBe('req-1');
      expect(ctx.signal.aborted).toBe(false);
      return { key: event.key, status: 'SUCCEEDED' as const };
    });

    const result = await handler(
      { key: 'a.pdf', size: 10, executionArn: EXECUTION_ARN },
      fakeContext({ awsRequestId: 'req-1' }),
    );

    expect(result).toEqual({ key: 'a.pdf', status: 'SUCCEEDED' });
    const line = records().find((r) => r.msg === 'processing');
    expect(line).toMatchObject({
      awsRequestId: 'req-1',
      functionName: 'test-function',
      executionArn: EXECUTION_ARN,
      key: 'a.pdf',
    });
    expect(emf).toHaveLength(1);
    expect(JSON.parse(emf[0] ?? '{}')).toMatchObject({ BytesRead: 10, service: 'uc01', function: 'test-function' });
  });

  it('finds the execution ARN under context when not at top level', async () => {
    const { logger, records } = setup();
    const handler = createHandler<{ context: { executionArn: string } }, void>(
      { service: 'uc01', logger },
      async (_e, ctx) => {
        ctx.log.info('hello');
      },
    );
    await handler({ context: { executionArn: EXECUTION_ARN } }, fakeContext());
    expect(records().find((r) => r.msg === 'hello')?.executionArn).toBe(EXECUTION_ARN);
    expect(executionArnOf({ executionArn: 'not-an-arn' })).toBeUndefined();
    expect(executionArnOf('text')).toBeUndefined();
  });

  it('fails an invalid event with a PermanentError listing every issue, without calling the body', async () => {
    const { logger, metrics, records } = setup();
    let called = false;
    const handler = createHandler({ service: 'uc01', schema: eventSchema, logger, metrics }, async () => {
      called = true;
    });

    const err = await rejection(handler({ key: '', size: -1 }, fakeContext()));

    expect(called).toBe(false);
    expect(err).toBeInstanceOf(PermanentError);
    const permanent = err as PermanentError;
    expect(permanent.cause).toBeInstanceOf(ValidationError);
    expect(permanent.message).toMatch(/^ValidationError: Invalid event: key: .+; size: .+/);
    expect((permanent.cause as ValidationError).issues.map((i) => i.path.join('.'))).toEqual(['key', 'size']);
    expect(records().filter((r) => r.msg === 'invocation failed')).toHaveLength(1);
  });

  it('maps a throttled AWS SDK error to TransientError and logs the original once', async () => {
    const { logger, metrics, emf, records } = setup();
    const throttled = Object.assign(new Error('Rate exceeded'), {
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400 },
      $retryable: { throttling: true },
    });
    const handler = createHandler({ service: 'uc01', logger, metrics }, async (_event: unknown, ctx) => {
      ctx.metrics.addMetric('Attempts', 'Count', 1);
      throw throttled;
    });

    const err = await rejection(handler({}, fakeContext()));

    expect(err).toBeInstanceOf(TransientError);
    expect((err as TransientError).name).toBe('TransientError');
    expect((err as TransientError).message).toBe('ThrottlingException: Rate exceeded');
    expect((err as TransientError).cause).toBe(throttled);
    const failures = records().filter((r) => r.msg === 'invocation failed');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      level: 'error',
      boundaryError: 'TransientError',
      err: { type: 'Error', message: 'Rate exceeded' },
    });
    expect(emf).toHaveLength(1);
    expect(JSON.parse(emf[0] ?? '{}')).toMatchObject({ Attempts: 1 });
  });

  it('maps an access-denied AWS SDK error and a thrown string to PermanentError', async () => {
    const { logger, metrics } = setup();
    const denied = Object.assign(new Error('no'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    const throwing = (value: unknown) =>
      createHandler({ service: 'uc01', logger, metrics }, async () => {
        throw value;
      });
    const first = await rejection(throwing(denied)({}, fakeContext()));
    const second = await rejection(throwing('plain')({}, fakeContext()));
    expect(first).toBeInstanceOf(PermanentError);
    expect((first as Error).message).toBe('AccessDenied: no');
    expect(second).toBeInstanceOf(PermanentError);
    expect((second as Error).cause).toBe('plain');
  });

  it('keeps concurrent invocations sharing one context object apart', async () => {
    const { logger, metrics, sinks, emf, records } = setup();
    const context = fakeContext();
    const handler = createHandler<{ id: string; executionArn: string }, string>(
      { service: 'uc01', logger, metrics },
      async (event, ctx) => {
        await new Promise((resolve) => setImmediate(resolve));
        ctx.log.info({ id: event.id }, 'item');
        ctx.metrics.addMetric('Items', 'Count', 1);
        return event.id;
      },
    );
    const results = await Promise.all(
      ['a', 'b', 'c'].map((id) => handler({ id, executionArn: `${EXECUTION_ARN}-${id}` }, context)),
    );
    expect(results).toEqual(['a', 'b', 'c']);
    for (const record of records().filter((r) => r.msg === 'item')) {
      expect(record.executionArn).toBe(`${EXECUTION_ARN}-${record.id}`);
    }
    expect(sinks).toHaveLength(3);
    expect(emf.map((l) => (JSON.parse(l) as { Items: number }).Items)).toEqual([1, 1, 1]);
  });

  it('fails with a PermanentError and aborts the signal shortly before the Lambda deadline', async () => {
    const { logger, metrics, records } = setup();
    let seenSignal: AbortSignal | undefined;
    const handler = createHandler(
      { service: 'uc01', logger, metrics, timeoutEarlyInMillis: 10 },
      (_e: unknown, ctx) => {
        seenSignal = ctx.signal;
        // Never settles on its own: only the early timeout can end this invocation.
        return new Promise<never>(() => undefined);
      },
    );

    const err = await rejection(handler({}, fakeContext({ getRemainingTimeInMillis: () => 40 })));

    expect(err).toBeInstanceOf(PermanentError);
    expect((err as Error).cause).toBeInstanceOf(HandlerTimeoutError);
    expect(seenSignal?.aborted).toBe(true);
    expect(records().filter((r) => r.msg === 'invocation failed')).toHaveLength(1);
  });

  it('aborts only the invocation that ran out of time', async () => {
    const { logger, metrics } = setup();
    const signals = new Map<string, AbortSignal>();
    const handler = createHandler<{ id: string; hang: boolean }, string>(
      { service: 'uc01', logger, metrics, timeoutEarlyInMillis: 10 },
      async (event, ctx) => {
        signals.set(event.id, ctx.signal);
        if (event.hang) return new Promise<never>(() => undefined);
        await new Promise((resolve) => setImmediate(resolve));
        return event.id;
      },
    );
    const short = fakeContext({ getRemainingTimeInMillis: () => 30 });
    const long = fakeContext();
    const [hung, finished] = await Promise.allSettled([
      handler({ id: 'hung', hang: true }, short),
      handler({ id: 'ok', hang: false }, long),
    ]);
    expect(hung.status).toBe('rejected');
    expect(finished).toEqual({ status: 'fulfilled', value: 'ok' });
    expect(signals.get('hung')?.aborted).toBe(true);
    expect(signals.get('ok')?.aborted).toBe(false);
  });

  it('marks only the first invocation of a handler as a cold start', async () => {
    const { logger, records } = setup();
    const handler = createHandler({ service: 'uc01', logger }, async (_e: unknown, ctx) => ctx.log.info('x'));
    await handler({}, fakeContext());
    await handler({}, fakeContext());
    expect(records().map((r) => r.coldStart)).toEqual([true, false]);
  });
});
