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

describe('UC4 HYBRID trigger mode: the polling and the event path share one claim per file version', () => {
  let stack: ServiceStack;
  let frames = 0;
  beforeAll(async () => {
    stack = await withServiceStack(serviceDir, {
      params: { triggerMode: 'HYBRID' },
      retryDelayMs: 1,
      seed: async (dir) => {
        frames = (await generateRenderOutputs(dir)).files.length;
      },
    });
  });

  it('checks each frame once: a second poll and a late FPolicy event skip it with the reason', async () => {
    const first = (await stack.run({ input: { prefix: '' } })).output as Report;
    expect(first.counts.discovered).toBe(frames);
    expect(first.counts.skipped).toBe(0);

    const second = (await stack.run({ input: { prefix: '' } })).output as Report;
    expect(second.counts).toEqual({ discovered: frames, succeeded: 0, failed: 0, skipped: frames });
    expect(second.items.every((i) => /^already processed by .+ \(HYBRID dedup\)$/.test(i.reason ?? ''))).toBe(true);

    const event = (await stack.run({ input: { detail: { path: 'mattes/sh040/sh040_matte.0002.dpx' } } }))
      .output as Report;
    expect(event.counts).toEqual({ discovered: 1, succeeded: 0, failed: 0, skipped: 1 });
  });
});
