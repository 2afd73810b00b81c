import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceStack } from '@fsxn/local-stack';
import { withServiceStack } from '@fsxn/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateUc08Samples } from '../samples';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Report {
  counts: { discovered: number; succeeded: number; failed: number; skipped: number };
  items: { key: string; status: string }[];
}

/** One stack per file: handler modules keep config and clients at module scope, as in Lambda. */
describe('UC8 EVENT_DRIVEN trigger mode: one file per execution, no listing of the volume', () => {
  let stack: ServiceStack;
  beforeAll(async () => {
    stack = await withServiceStack(serviceDir, {
      params: { triggerMode: 'EVENT_DRIVEN' },
      retryDelayMs: 1,
      seed: async (dir) => {
        await generateUc08Samples(dir);
      },
    });
  });

  it('processes exactly the file the FPolicy event names', async () => {
    const result = await stack.run({ input: { detail: { path: '/seismic/north-field-rev1-ibm.sgy' } } });
    const report = result.output as Report;
    expect(report.counts).toEqual({ discovered: 1, succeeded: 1, failed: 0, skipped: 0 });
    expect(report.items.map((i) => i.key)).toEqual(['seismic/north-field-rev1-ibm.sgy']);
  });

  it('finds nothing when the event names a file that is gone', async () => {
    const result = await stack.run({ input: { detail: { path: 'wells/deleted.las' } } });
    expect((result.output as Report).counts.discovered).toBe(0);
  });
});
