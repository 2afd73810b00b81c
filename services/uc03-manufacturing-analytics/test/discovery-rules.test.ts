import { describe, expect, it } from 'vitest';
import { classifyObject, kindOf } from '../src/discovery-rules';
import { parquetPartKey, parquetPartPrefix, partIndexOf } from '../src/outputs';

describe('classifyObject', () => {
  it('takes sensor CSVs and inspection images by suffix, in any case', async () => {
    for (const key of ['a/b.csv', 'B.CSV', 'p/x.jpg', 'x.JPEG', 'y.Png']) {
      expect(await classifyObject({ key, size: 1 }), key).toEqual({ include: true });
    }
    expect(await classifyObject({ key: 'notes.txt', size: 1 })).toMatchObject({ include: false });
    expect([kindOf('a.CSV'), kindOf('b.jpeg'), kindOf('c.parquet')]).toEqual(['csv', 'image', undefined]);
  });
});

describe('Parquet part keys', () => {
  it('sit flat under parquet/ with a readable, glob-free name that Hive does not hide', () => {
    const key = parquetPartKey('_archive/[line 1]/2026*.csv', 3);
    expect(key).toMatch(/^parquet\/2026-[0-9a-f]{12}-part-00003\.parquet$/);
    expect(parquetPartKey('_tmp.csv', 0)).toMatch(/^parquet\/tmp-/);
    expect(parquetPartKey('.csv', 0)).toMatch(/^parquet\/sensor-/);
    expect(key).not.toMatch(/[*?[\]{}]/);
    expect(partIndexOf(parquetPartPrefix('_archive/[line 1]/2026*.csv'), key)).toBe(3);
  });

  it('keep files of the same name in different folders apart', () => {
    expect(parquetPartPrefix('a/line.csv')).not.toBe(parquetPartPrefix('b/line.csv'));
    expect(partIndexOf(parquetPartPrefix('a/line.csv'), parquetPartKey('b/line.csv', 0))).toBeUndefined();
  });
});
