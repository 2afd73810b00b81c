import type { RunEvent } from '@fsxn/local-stack';
import type { CliIo } from './io';

/**
 * Turns run events into progress: one rewritten status line on a terminal, plain lines otherwise.
 * Items done/failed come from Map iterations (an iteration whose error was caught counts as failed).
 */
export const progressReporter = (io: CliIo) => {
  let state = '';
  let total: number | undefined;
  let done = 0;
  const failedIndexes = new Set<number>();
  const line = () => {
    const items = total === undefined ? '' : ` | items ${done}/${total} done, ${failedIndexes.size} failed`;
    return `${state}${items}`;
  };
  const show = () => {
    if (io.interactive) io.err(`\r\x1b[K${line()}`);
  };
  return {
    onEvent(event: RunEvent) {
      switch (event.type) {
        case 'state-entered':
          if (event.index !== undefined) return;
          state = event.name;
          if (io.interactive) show();
          else io.err(`-> ${event.name}\n`);
          return;
        case 'map-started':
          total = event.total;
          done = 0;
          failedIndexes.clear();
          show();
          return;
        case 'state-caught':
          if (event.index !== undefined) failedIndexes.add(event.index);
          return;
        case 'map-iteration':
          if (event.status === 'started') return;
          done++;
          if (event.status === 'failed') failedIndexes.add(event.index);
          if (io.interactive) show();
          else io.err(`   item ${done}/${total ?? '?'} ${failedIndexes.has(event.index) ? 'failed' : 'done'}\n`);
          return;
        case 'state-retried':
          if (!io.interactive) io.err(`   retry ${event.name} (attempt ${event.attempt})\n`);
          return;
        default:
          return;
      }
    },
    /** Ends the live line before other output. */
    pause() {
      if (io.interactive && state) io.err('\n');
    },
  };
};
