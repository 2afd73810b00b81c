import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceStack } from '@fsxn/local-stack';
import { withServiceStack } from '@fsxn/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateRenderOutputs } from '../samples/render-outputs';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Report {
  counts: { discovered: number; succeeded: number; failed: number; skipped: number };
  items: { key: string; status: string; reason?: string }[];
}

/** One stack per file: handler modules keep config at module scope and Vitest isolates modules per file. */
describe('UC4 EVENT_DRIVEN trigger mode: one frame per execution, no listing of the volume', () => {
  let stack: ServiceStack;
  beforeAll(async () => {
    stack = await withServiceStack(serviceDir, {
      params: { triggerMode: 'EVENT_DRIVEN' },
      retryDelayMs: 1,
      seed: async (dir) => {
        await generateRenderOutputs(dir);
      },
    });
  });

  it('checks exactly the frame the event names', async () => {
    const result = await stack.run({ input: { detail: { path: '/renders/sh010/comp/sh010_comp_v003.1005.exr' } } });
    const report = result.output as Report;
    expect(report.counts).toEqual({ discovered: 1, succeeded: 1, failed: 0, skipped: 0 });
    expect(report.items.map((i) => i.key)).toEqual(['renders/sh010/comp/sh010_comp_v003.1005.exr']);
  });

  it('fails a truncated frame named by an event with the reason', async () => {
    const result = await stack.run({ input: { detail: { path: 'incoming/truncated_0001.dpx' } } });
    const report = result.output as Report;
    expect(report.counts).toEqual({ discovered: 1, succeeded: 0, failed: 1, skipped: 0 });
    expect(report.items[0]?.reason).toMatch(/^InvalidFrame: truncated/);
  });
});
