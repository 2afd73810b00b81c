import { describe, expect, it } from 'vitest';
import { discover, executionNameOf, manifestKey, type ObjectSummary } from '../src/discovery';
import { PipelineError } from '../src/errors';

async function* listing(keys: string[]): AsyncIterable<ObjectSummary> {
  for (const key of keys) yield { key, size: 1 };
}

describe('discover', () => {
  it('keeps what the classifier includes and never looks at the run outputs beside the inputs', async () => {
    const looked: string[] = [];
    const { items, ignored } = await discover(listing(['a.dcm', 'notes.txt', 'fsxn-output/x/a.dcm', 'b.dcm']), {
      excludePrefixes: ['fsxn-output/'],
      classify: async (o) => {
        looked.push(o.key);
        return o.key.endsWith('.dcm') ? { include: true } : { include: false, reason: 'not DICOM' };
      },
    });
    expect(items.map((i) => i.key)).toEqual(['a.dcm', 'b.dcm']);
    expect(ignored).toBe(1);
    expect(looked).not.toContain('fsxn-output/x/a.dcm');
  });

  it('fails loudly when the listing repeats a key', async () => {
    await expect(
      discover(listing(['a', 'a']), { excludePrefixes: [], classify: async () => ({ include: true }) }),
    ).rejects.toThrow(PipelineError);
  });
});

describe('manifestKey', () => {
  it('dates manifests in UTC under the output prefix', () => {
    expect(manifestKey('out/', 'run-1', new Date('2026-01-02T23:30:00-05:00'))).toBe(
      'out/manifests/2026/01/03/run-1.json',
    );
    expect(executionNameOf('arn:aws:states:us-east-1:1:execution:sm:run-7')).toBe('run-7');
  });
});
