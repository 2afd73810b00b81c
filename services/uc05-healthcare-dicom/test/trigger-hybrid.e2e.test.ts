import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceStack } from '@fsxn/local-stack';
import { generateDicomStudies, runApproving, withServiceStack } from '@fsxn/testing';
import { beforeAll, describe, expect, it } from 'vitest';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Handler modules keep their config and clients at module scope (as in Lambda), and Vitest gives each test
 * file its own module graph: one stack per file, so each trigger mode has its own file.
 */
describe('UC5 HYBRID trigger mode: the polling and the event path share one claim per file version', () => {
  let stack: ServiceStack;
  let fileCount = 0;
  beforeAll(async () => {
    stack = await withServiceStack(serviceDir, {
      params: { triggerMode: 'HYBRID' },
      retryDelayMs: 1,
      seed: async (dir) => {
        fileCount = (await generateDicomStudies(dir, { studies: 1, seriesPerStudy: 1, instancesPerSeries: 2 })).files
          .length;
      },
    });
  });

  it('processes each file once: a second poll and a late FPolicy event skip it with the reason', async () => {
    const first = await runApproving(stack, { prefix: '' });
    expect(first.counts).toEqual({ discovered: fileCount, succeeded: fileCount, failed: 0, skipped: 0 });

    const second = await runApproving(stack, { prefix: '' });
    expect(second.counts).toEqual({ discovered: fileCount, succeeded: 0, failed: 0, skipped: fileCount });
    expect(second.items.every((i) => /^already processed by .+ \(HYBRID dedup\)$/.test(i.reason ?? ''))).toBe(true);

    const event = await runApproving(stack, { detail: { path: '/study-1/series-1/instance-1.dcm' } });
    expect(event.counts).toEqual({ discovered: 1, succeeded: 0, failed: 0, skipped: 1 });
  });
});
