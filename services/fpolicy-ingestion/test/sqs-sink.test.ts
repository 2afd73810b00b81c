import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { packBatches, SinkWriteError, SQS_MAX_BATCH_BYTES, sqsSink } from '../src/index';
import { event } from './events';

const sqs = mockClient(SQSClient);
afterEach(() => sqs.reset());
const QUEUE = 'https://sqs.ap-northeast-1.amazonaws.com/123456789012/fsxn-fpolicy-events';
const noWait = { sleep: async () => undefined, random: () => 0 };

describe('SQS sink', () => {
  it('sends one message per event in SendMessageBatch calls of at most 10 entries', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const events = Array.from({ length: 23 }, (_, i) => event(i));
    await sqsSink({ client: new SQSClient({ region: 'ap-northeast-1' }), queueUrl: QUEUE, ...noWait }).write(events);
    const calls = sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input);
    expect(calls.map((c) => c.Entries?.length)).toEqual([10, 10, 3]);
    expect(calls[0]).toEqual({
      QueueUrl: QUEUE,
      Entries: Array.from({ length: 10 }, (_, i) => ({ Id: String(i), MessageBody: JSON.stringify(event(i)) })),
    });
  });

  it('retries only the entries SQS reported as failed', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({ Failed: [{ Id: '1', Code: 'InternalError', SenderFault: false, Message: 'try again' }] })
      .resolves({ Failed: [] });
    await sqsSink({ client: new SQSClient({ region: 'ap-northeast-1' }), queueUrl: QUEUE, ...noWait }).write([
      event(0),
      event(1),
      event(2),
    ]);
    const calls = sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input.Entries);
    expect(calls).toEqual([
      [0, 1, 2].map((n, i) => ({ Id: String(i), MessageBody: JSON.stringify(event(n)) })),
      [{ Id: '0', MessageBody: JSON.stringify(event(1)) }],
    ]);
  });

  it('reports sender faults as refused and unsent events after the last attempt, without duplicating others', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({
        Failed: [
          { Id: '0', Code: 'InvalidMessageContents', SenderFault: true },
          { Id: '1', Code: 'ServiceUnavailable', SenderFault: false },
        ],
      })
      .resolves({ Failed: [{ Id: '0', Code: 'ServiceUnavailable', SenderFault: false }] });
    const error = await sqsSink({
      client: new SQSClient({ region: 'ap-northeast-1' }),
      queueUrl: QUEUE,
      maxAttempts: 3,
      ...noWait,
    })
      .write([event(0), event(1), event(2)])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SinkWriteError);
    if (!(error instanceof SinkWriteError)) return;
    expect(error.rejected.map((e) => e.sequence)).toEqual([0]);
    expect(error.unsent.map((e) => e.sequence)).toEqual([1]);
    expect(error.transient).toBe(true);
    // Attempt 1 sends three; attempts 2 and 3 only the retried one (re-numbered from 0).
    expect(sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input.Entries?.length)).toEqual([3, 1, 1]);
  });

  it('retries a whole batch when the call itself fails', async () => {
    sqs.on(SendMessageBatchCommand).rejectsOnce(new Error('socket hang up')).resolves({ Failed: [] });
    await sqsSink({ client: new SQSClient({ region: 'ap-northeast-1' }), queueUrl: QUEUE, ...noWait }).write([
      event(0),
    ]);
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(2);
  });

  it('packs batches within 10 entries and 256 KiB, in order, losing nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: SQS_MAX_BATCH_BYTES }), { maxLength: 60 }), (sizes) => {
        const entries = sizes.map((bytes, i) => ({ event: event(i), body: '', bytes }));
        const batches = packBatches(entries);
        expect(batches.flat()).toEqual(entries);
        for (const batch of batches) {
          expect(batch.length).toBeGreaterThan(0);
          expect(batch.length).toBeLessThanOrEqual(10);
          expect(batch.reduce((n, e) => n + e.bytes, 0)).toBeLessThanOrEqual(SQS_MAX_BATCH_BYTES);
        }
      }),
    );
  });
});
