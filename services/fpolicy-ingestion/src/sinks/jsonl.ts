import { open } from 'node:fs/promises';
import type { FileEvent } from '@fsxn/fpolicy';
import type { EventSink } from './sink';

/**
 * Appends every event as one JSON line to a file (`fsxn fpolicy serve --out`). Writes are serialised so lines
 * never interleave, and each batch is one write call.
 */
export const jsonlSink = async (path: string): Promise<EventSink & { readonly path: string }> => {
  const handle = await open(path, 'a');
  let tail: Promise<unknown> = Promise.resolve();
  let closed = false;
  return {
    path,
    write: (events) => {
      const text = events.map((event: FileEvent) => `${JSON.stringify(event)}\n`).join('');
      const written = tail.then(() => handle.write(text));
      tail = written.catch(() => undefined);
      return written.then(() => undefined);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await tail;
      await handle.close();
    },
  };
};
