import { describe, expect, it } from 'vitest';
import { classifyBySuffixOrMagic, discover, executionNameOf, manifestKey, type ObjectSummary } from '../src/discovery';
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

describe('classifyBySuffixOrMagic', () => {
  const MAGIC = [0x4d, 0x41, 0x47];
  const classify = classifyBySuffixOrMagic({
    suffixes: ['.mag', '.magic'],
    probeBytes: 3,
    matches: (head) => head.length === 3 && head.every((b, i) => b === MAGIC[i]),
    reasons: { wrongName: 'not a MAG name', tooSmall: 'too small for MAG', noMagic: 'no MAG magic' },
  });
  /** A Range reader over fixed bytes that records what it was asked for. */
  const reader = (bytes: number[]) => {
    const reads: [string, number][] = [];
    const read = async (key: string, n: number) => {
      reads.push([key, n]);
      return Uint8Array.from(bytes.slice(0, n));
    };
    return { read, reads };
  };

  it('takes a listed suffix in any case without reading, and ignores other extensions', async () => {
    const { read, reads } = reader(MAGIC);
    expect(await classify({ key: 'a/B.MAGIC', size: 0 }, read)).toEqual({ include: true });
    expect(await classify({ key: 'a.mag/notes.txt', size: 10 }, read)).toEqual({
      include: false,
      reason: 'not a MAG name',
    });
    expect(reads).toEqual([]);
  });

  it('reads the head of an extension-less file and checks the magic', async () => {
    const good = reader([...MAGIC, 0, 0]);
    expect(await classify({ key: 'dir/blob', size: 5 }, good.read)).toEqual({ include: true });
    expect(good.reads).toEqual([['dir/blob', 3]]);
    const bad = reader([1, 2, 3]);
    expect(await classify({ key: 'dir/blob', size: 3 }, bad.read)).toEqual({ include: false, reason: 'no MAG magic' });
    const small = reader(MAGIC);
    expect(await classify({ key: 'dir/tiny', size: 2 }, small.read)).toEqual({
      include: false,
      reason: 'too small for MAG',
    });
    expect(small.reads).toEqual([]);
  });

  it('reads no more than the file holds when minBytes allows a file shorter than the probe', async () => {
    const short = classifyBySuffixOrMagic({
      suffixes: [],
      probeBytes: 16,
      minBytes: 2,
      matches: (head) => head.length === 2,
      reasons: { wrongName: 'w', tooSmall: 's', noMagic: 'n' },
    });
    const { read, reads } = reader([9, 9]);
    expect(await short({ key: 'x', size: 2 }, read)).toEqual({ include: true });
    expect(reads).toEqual([['x', 2]]);
  });
});
