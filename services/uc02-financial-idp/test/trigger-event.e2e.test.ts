import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceStack } from '@fsxn/local-stack';
import { withServiceStack } from '@fsxn/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { financialSamples } from '../samples/documents';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Report {
  counts: { discovered: number; succeeded: number; failed: number; skipped: number };
  items: { key: string; status: string; reviewed: boolean }[];
}

/** One stack per file (handlers keep config at module scope): the EVENT_DRIVEN trigger mode. */
describe('UC2 EVENT_DRIVEN trigger mode: one document per execution, no listing of the volume', () => {
  let stack: ServiceStack;
  beforeAll(async () => {
    stack = await withServiceStack(serviceDir, {
      params: { triggerMode: 'EVENT_DRIVEN' },
      retryDelayMs: 1,
      seed: async (dir) => {
        for (const sample of financialSamples().filter((s) => s.key.startsWith('invoices/'))) {
          await mkdir(dirname(join(dir, sample.key)), { recursive: true });
          await writeFile(join(dir, sample.key), sample.bytes);
        }
      },
    });
  });

  it('processes exactly the document the FPolicy event names, without review when confident', async () => {
    const result = await stack.run({ input: { detail: { path: '/invoices/2024/inv-0043.pdf' } } });
    expect(result.status).toBe('SUCCEEDED');
    const report = result.output as Report;
    expect(report.counts).toEqual({ discovered: 1, succeeded: 1, failed: 0, skipped: 0 });
    expect(report.items.map((i) => [i.key, i.reviewed])).toEqual([['invoices/2024/inv-0043.pdf', false]]);
  });

  it('finds nothing when the event names a document that is gone', async () => {
    const result = await stack.run({ input: { detail: { path: 'invoices/2024/deleted.pdf' } } });
    expect((result.output as Report).counts.discovered).toBe(0);
  });
});
