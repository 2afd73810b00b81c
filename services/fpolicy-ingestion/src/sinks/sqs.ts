import { Buffer } from 'node:buffer';
import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, type SQSClient } from '@aws-sdk/client-sqs';
import type { FileEvent } from '@fsxn/fpolicy';
import { SinkWriteError } from '../errors';
import type { EventSink } from './sink';

/** SendMessageBatch limits: 10 entries and 256 KiB of payload per call. */
export const SQS_MAX_BATCH_ENTRIES = 10;
export const SQS_MAX_BATCH_BYTES = 256 * 1024;

export interface SqsSinkOptions {
  readonly client: SQSClient;
  readonly queueUrl: string;
  /** Attempts per batch (first included) before the unsent events go back to the server's queue. */
  readonly maxAttempts?: number;
  readonly backoff?: { readonly baseMs: number; readonly capMs: number };
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

interface Entry {
  readonly event: FileEvent;
  readonly body: string;
  readonly bytes: number;
}

/** Packs entries greedily into SendMessageBatch calls within both limits, keeping their order. */
export const packBatches = (entries: readonly Entry[]): Entry[][] => {
  const batches: Entry[][] = [];
  let current: Entry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    if (current.length === SQS_MAX_BATCH_ENTRIES || (current.length > 0 && bytes + entry.bytes > SQS_MAX_BATCH_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += entry.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
};

/**
 * One SQS message per event (the body is the event JSON). Each batch is retried with full-jitter backoff, and a
 * retry sends only the entries SQS reported as failed; entries SQS rejects as the sender's fault (or that are too
 * large to send at all) are reported as refused instead of retried forever.
 */
export const sqsSink = (options: SqsSinkOptions): EventSink => {
  const maxAttempts = options.maxAttempts ?? 5;
  const backoff = options.backoff ?? { baseMs: 50, capMs: 2_000 };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;

  const sendBatch = async (
    batch: readonly Entry[],
  ): Promise<{ unsent: Entry[]; rejected: Entry[]; error?: unknown }> => {
    let remaining: readonly Entry[] = batch;
    const rejected: Entry[] = [];
    let lastError: unknown;
    for (let attempt = 0; attempt < maxAttempts && remaining.length > 0; attempt += 1) {
      if (attempt > 0) await sleep(random() * Math.min(backoff.capMs, backoff.baseMs * 2 ** attempt));
      const request: SendMessageBatchRequestEntry[] = remaining.map((entry, i) => ({
        Id: String(i),
        MessageBody: entry.body,
      }));
      try {
        const response = await options.client.send(
          new SendMessageBatchCommand({ QueueUrl: options.queueUrl, Entries: request }),
        );
        const retry: Entry[] = [];
        for (const failure of response.Failed ?? []) {
          const entry = remaining[Number(failure.Id)];
          if (entry === undefined) continue;
          if (failure.SenderFault === true) rejected.push(entry);
          else retry.push(entry);
          lastError = new Error(`SQS ${failure.Code ?? 'error'}: ${failure.Message ?? ''}`);
        }
        remaining = retry;
      } catch (error) {
        // The whole call failed (network, throttling): nothing is known to be stored, so all are retried.
        lastError = error;
      }
    }
    return { unsent: [...remaining], rejected, error: lastError };
  };

  return {
    write: async (events) => {
      const entries: Entry[] = events.map((event) => {
        const body = JSON.stringify(event);
        return { event, body, bytes: Buffer.byteLength(body) };
      });
      const oversize = entries.filter((e) => e.bytes > SQS_MAX_BATCH_BYTES);
      const results = await Promise.all(
        packBatches(entries.filter((e) => e.bytes <= SQS_MAX_BATCH_BYTES)).map(sendBatch),
      );
      const unsent = results.flatMap((r) => r.unsent).map((e) => e.event);
      const rejected = [...oversize, ...results.flatMap((r) => r.rejected)].map((e) => e.event);
      if (unsent.length > 0 || rejected.length > 0) {
        throw new SinkWriteError(
          `SQS did not accept ${unsent.length + rejected.length} of ${events.length} events`,
          { unsent, rejected },
          { cause: results.find((r) => r.error !== undefined)?.error },
        );
      }
    },
  };
};
