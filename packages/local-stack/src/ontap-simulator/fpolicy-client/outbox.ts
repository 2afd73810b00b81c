import { FpolicyClientError } from './errors';

export interface OutboxLimits {
  /** Most items held; pushing one more drops the oldest. */
  readonly maxItems: number;
  /** Items queued longer than this are dropped when they reach the front (ONTAP keeps about 10 minutes). */
  readonly maxAgeMs: number;
}

/**
 * FIFO of notifications waiting for a connection, bounded in count and age like ONTAP's per-node buffer. Drops are
 * counted, never silent. A head index keeps `shift` O(1) amortised.
 */
export class Outbox<T extends { readonly queuedAtMs: number }> {
  private items: T[] = [];
  private head = 0;
  private droppedCount = 0;

  constructor(private readonly limits: OutboxLimits) {
    if (!Number.isSafeInteger(limits.maxItems) || limits.maxItems < 1) {
      throw new FpolicyClientError('the buffer must hold at least one notification');
    }
    if (!(limits.maxAgeMs > 0)) throw new FpolicyClientError('the buffer age limit must be positive');
  }

  get size(): number {
    return this.items.length - this.head;
  }

  get dropped(): number {
    return this.droppedCount;
  }

  push(item: T): void {
    this.items.push(item);
    this.trimToLimit();
  }

  /** Puts items back at the front, in their original order (replays after a dropped connection). */
  requeueFront(items: readonly T[]): void {
    if (items.length === 0) return;
    this.items = [...items, ...this.items.slice(this.head)];
    this.head = 0;
    this.trimToLimit();
  }

  /** The oldest item still young enough, or undefined; expired items on the way are dropped and counted. */
  shift(nowMs: number): T | undefined {
    while (this.size > 0) {
      const item = this.items[this.head];
      this.head += 1;
      this.compact();
      if (item !== undefined && nowMs - item.queuedAtMs <= this.limits.maxAgeMs) return item;
      this.droppedCount += 1;
    }
    return undefined;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }

  private trimToLimit(): void {
    const excess = this.size - this.limits.maxItems;
    if (excess > 0) {
      this.head += excess;
      this.droppedCount += excess;
      this.compact();
    }
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
