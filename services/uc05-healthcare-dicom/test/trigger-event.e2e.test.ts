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
describe('UC5 EVENT_DRIVEN trigger mode: one file per execution, no listing of the volume', () => {
  let stack: ServiceStack;
  beforeAll(async () => {
    stack = await withServiceStack(serviceDir, {
      params: { triggerMode: 'EVENT_DRIVEN' },
      retryDelayMs: 1,
      seed: async (dir) => {
        await generateDicomStudies(dir, { studies: 1, seriesPerStudy: 1, instancesPerSeries: 3 });
      },
    });
  });

  it('processes exactly the file the event names', async () => {
    const report = await runApproving(stack, { detail: { path: 'study-1/series-1/instance-2.dcm' } });
    expect(report.counts).toEqual({ discovered: 1, succeeded: 1, failed: 0, skipped: 0 });
    expect(report.items.map((i) => i.key)).toEqual(['study-1/series-1/instance-2.dcm']);
  });

  it('finds nothing when the event names a file that is gone', async () => {
    const report = await runApproving(stack, { detail: { path: 'study-1/deleted.dcm' } });
    expect(report.counts.discovered).toBe(0);
  });
});
