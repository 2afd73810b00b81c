import { describe, expect, it } from 'vitest';
import type { ObjectSummary } from '../src/discovery';
import { type Manifest, runDiscovery } from '../src/run-discovery';

async function* listing(keys: string[]): AsyncIterable<ObjectSummary> {
  for (const key of keys) yield { key, size: 10, etag: `e-${key}` };
}

describe('runDiscovery', () => {
  it('processes claimed files, skips the others with a reason, and writes a manifest that matches', async () => {
    const written: { name: string; manifest: Manifest }[] = [];
    const result = await runDiscovery({
      executionArn: 'arn:aws:states:us-east-1:1:execution:sm:run-9',
      triggerMode: 'HYBRID',
      listing: listing(['a.dcm', 'b.dcm', 'c.txt', 'out/a.dcm']),
      excludePrefixes: ['out/'],
      classify: async (o) => (o.key.endsWith('.dcm') ? { include: true } : { include: false, reason: 'suffix' }),
      claim: async (o) =>
        o.key === 'b.dcm' ? { claimed: false, reason: 'already processed by run-8' } : { claimed: true },
      writeManifest: async (name, manifest) => {
        written.push({ name, manifest });
        return `out/${name}`;
      },
      now: () => new Date('2026-03-04T05:06:07Z'),
    });
    expect(result.items.map((i) => i.key)).toEqual(['a.dcm']);
    expect(result.skipped).toEqual([
      {
        key: 'b.dcm',
        status: 'SKIPPED',
        reason: 'already processed by run-8',
        outputs: [],
        metrics: {},
        reviewed: false,
      },
    ]);
    expect(result.discovered).toBe(1);
    expect(result.ignored).toBe(1);
    expect(result.manifestKey).toBe('out/manifests/2026/03/04/run-9.json');
    expect(written).toHaveLength(1);
    expect(written[0]?.manifest).toMatchObject({
      totalObjects: 1,
      triggerMode: 'HYBRID',
      timestamp: '2026-03-04T05:06:07.000Z',
    });
  });
});
