import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceStack } from '@fsxn/local-stack';
import { withServiceStack } from '@fsxn/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedSampleFileSecurity } from '../local';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Report {
  counts: { discovered: number; succeeded: number; failed: number; skipped: number };
  items: { key: string; status: string }[];
}

/** EVENT_DRIVEN: an FPolicy event names one file; only that file's ACL is collected (no listing of the volume). */
describe('UC1 EVENT_DRIVEN trigger mode', () => {
  let stack: ServiceStack;
  beforeAll(async () => {
    stack = await withServiceStack(serviceDir, {
      params: { triggerMode: 'EVENT_DRIVEN' },
      retryDelayMs: 1,
      seed: async (dir) => {
        await mkdir(join(dir, 'legal'), { recursive: true });
        await writeFile(join(dir, 'legal/one.docx'), 'one');
        await writeFile(join(dir, 'legal/two.docx'), 'two');
      },
    });
    if (stack.ontap) seedSampleFileSecurity(stack.ontap.state);
  });

  it('audits exactly the file the event names', async () => {
    const result = await stack.run({ input: { detail: { path: '/legal/two.docx' } } });
    expect(result.status).toBe('SUCCEEDED');
    const report = result.output as Report;
    expect(report.counts).toEqual({ discovered: 1, succeeded: 1, failed: 0, skipped: 0 });
    expect(report.items.map((i) => i.key)).toEqual(['legal/two.docx']);
  });

  it('finds nothing when the event names a file that is gone', async () => {
    const result = await stack.run({ input: { detail: { path: 'legal/deleted.docx' } } });
    expect((result.output as Report).counts.discovered).toBe(0);
  });
});
