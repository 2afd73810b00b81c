import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceStack } from '@fsxn/local-stack';
import { runApproving, withServiceStack } from '@fsxn/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateFastq } from '../samples';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** One stack per test file (handler config lives at module scope): EVENT_DRIVEN gets its own file. */
describe('UC7 EVENT_DRIVEN trigger mode: one file per execution, no listing of the volume', () => {
  let stack: ServiceStack;
  beforeAll(async () => {
    stack = await withServiceStack(serviceDir, {
      params: { triggerMode: 'EVENT_DRIVEN' },
      retryDelayMs: 1,
      seed: async (dir) => {
        await mkdir(join(dir, 'sequencing'), { recursive: true });
        for (const n of [1, 2]) {
          await writeFile(join(dir, `sequencing/s${n}.fastq`), generateFastq({ reads: 50, seed: n }).text);
        }
      },
    });
  });

  it('processes exactly the file the event names', async () => {
    const report = await runApproving(stack, { detail: { path: '/sequencing/s2.fastq' } });
    expect(report.counts).toEqual({ discovered: 1, succeeded: 1, failed: 0, skipped: 0 });
    expect(report.items.map((i) => i.key)).toEqual(['sequencing/s2.fastq']);
  });

  it('finds nothing when the event names a file that is gone', async () => {
    const report = await runApproving(stack, { detail: { path: 'sequencing/deleted.fastq' } });
    expect(report.counts.discovered).toBe(0);
  });
});
