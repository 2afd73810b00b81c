import type { FileEvent } from '@fsxn/fpolicy';
import { SinkWriteError } from '../errors';
import type { EventSink } from '../sinks/sink';
import type { ServerLog } from './log';

export interface EventQueueOptions {
  readonly sink: EventSink;
  /** Events held (queued + being written) before the server stops reading its sockets. */
  readonly maxQueuedEvents: number;
  readonly batchSize: number;
  /** How long a partial batch waits for more events. */
  readonly batchDelayMs: number;
  /** Batches written at the same time. */
  readonly concurrency: number;
  readonly retry: { readonly baseMs: number; readonly capMs: number };
  readonly log: ServerLog;
  /** Called when the queue crosses the high mark (true) and falls back under the low mark (false). */
  readonly onPressure: (full: boolean) => void;
}

export interface QueueStats {
  readonly queued: number;
  readonly inFlight: number;
  readonly delivered: number;
  readonly dropped: number;
  readonly sinkRetries: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Bounded queue between the connections and the sink: batches events, writes up to `concurrency` batches at
 * once, retries only the events a sink reports unsent (full-jitter backoff), and signals back-pressure so the
 * server pauses its sockets instead of buffering without limit (ONTAP then holds the notifications).
 */
export class EventQueue {
  private readonly pending: FileEvent[] = [];
  private head = 0;
  private inFlight = 0;
  private delivered = 0;
  private dropped = 0;
  private sinkRetries = 0;
  private full = false;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: EventQueueOptions) {}

  get depth(): number {
    return this.pending.length - this.head + this.inFlight;
  }

  stats(): QueueStats {
    return {
      queued: this.pending.length - this.head,
      inFlight: this.inFlight,
      delivered: this.delivered,
      dropped: this.dropped,
      sinkRetries: this.sinkRetries,
    };
  }

  push(event: FileEvent): void {
    this.pending.push(event);
    this.updatePressure();
    this.schedule();
  }

  /** Resolves once everything pushed so far has been written (or dropped as refused by the sink). */
  drain(): Promise<void> {
    if (this.depth === 0) return Promise.resolve();
    this.stopping = true;
    this.pump();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private queuedCount(): number {
    return this.pending.length - this.head;
  }

  private schedule(): void {
    if (this.queuedCount() >= this.options.batchSize || this.stopping) {
      this.pump();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, this.options.batchDelayMs);
  }

  private pump(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.inFlight < this.options.concurrency && this.queuedCount() > 0) {
      const batch = this.pending.slice(this.head, this.head + this.options.batchSize);
      this.head += batch.length;
      if (this.head > 4096 && this.head * 2 > this.pending.length) {
        this.pending.splice(0, this.head);
        this.head = 0;
      }
      this.inFlight += batch.length;
      void this.deliver(batch);
    }
  }

  private async deliver(batch: readonly FileEvent[]): Promise<void> {
    let remaining = batch;
    let attempt = 0;
    while (remaining.length > 0) {
      try {
        await this.options.sink.write(remaining);
        this.settle(remaining.length, 0);
        remaining = [];
      } catch (error) {
        const unsent = error instanceof SinkWriteError ? error.unsent : remaining;
        const rejected = error instanceof SinkWriteError ? error.rejected : [];
        this.settle(remaining.length - unsent.length - rejected.length, rejected.length);
        if (rejected.length > 0) {
          this.options.log.error(
            { dropped: rejected.length, error: error instanceof Error ? error.message : String(error) },
            'the sink refused events for good; they are dropped',
          );
        }
        remaining = unsent;
        if (remaining.length === 0) break;
        attempt += 1;
        this.sinkRetries += 1;
        const delay = Math.random() * Math.min(this.options.retry.capMs, this.options.retry.baseMs * 2 ** attempt);
        this.options.log.warn(
          { unsent: remaining.length, attempt, error: error instanceof Error ? error.message : String(error) },
          'sink write failed; retrying the unsent events',
        );
        await sleep(delay);
      }
    }
    this.pump();
    this.checkIdle();
  }

  private settle(delivered: number, dropped: number): void {
    this.delivered += delivered;
    this.dropped += dropped;
    this.inFlight -= delivered + dropped;
    this.updatePressure();
  }

  private updatePressure(): void {
    const depth = this.depth;
    if (!this.full && depth >= this.options.maxQueuedEvents) {
      this.full = true;
      this.options.onPressure(true);
    } else if (this.full && depth <= Math.floor(this.options.maxQueuedEvents / 2)) {
      this.full = false;
      this.options.onPressure(false);
    }
  }

  private checkIdle(): void {
    if (this.depth > 0) return;
    this.stopping = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
