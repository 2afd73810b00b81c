import type { FileEvent } from '@fsxn/fpolicy';
import type { EventSink } from './sink';

export interface MemorySinkOptions {
  /** Milliseconds each write takes: a slow consumer. */
  readonly delayMs?: number;
  /** Called before each write; throwing from it fails the write (fault injection). */
  readonly beforeWrite?: (events: readonly FileEvent[], attempt: number) => void;
}

/** Keeps every event in memory (tests, benchmarks, and the CLI's `--out -` preview). */
export class MemorySink implements EventSink {
  readonly events: FileEvent[] = [];
  private attempts = 0;
  writes = 0;

  constructor(private readonly options: MemorySinkOptions = {}) {}

  async write(events: readonly FileEvent[]): Promise<void> {
    this.attempts += 1;
    if (this.options.delayMs !== undefined && this.options.delayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.options.delayMs));
    }
    this.options.beforeWrite?.(events, this.attempts);
    this.writes += 1;
    this.events.push(...events);
  }
}
