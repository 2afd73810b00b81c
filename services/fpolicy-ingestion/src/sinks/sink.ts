import type { FileEvent } from '@fsxn/fpolicy';

/**
 * Where the server's events go. `write` resolves when every event is stored, or throws: a `SinkWriteError`
 * names the events still unsent (retried by the queue) and those refused for good; any other error means
 * none of the batch is known to be stored.
 */
export interface EventSink {
  write(events: readonly FileEvent[]): Promise<void>;
  close?(): Promise<void>;
}
