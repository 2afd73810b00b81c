import { describe, expect, it } from 'vitest';
import { classifyObject } from '../src/discovery-rules';

const obj = (key: string, size = 1000) => ({ key, size, lastModified: '2024-01-01T00:00:00Z' });
const reads: string[] = [];
const prefixOf = (bytes: number[]) => async (key: string) => {
  reads.push(key);
  return Uint8Array.from(bytes);
};

describe('classifyObject', () => {
  it('takes PDF, TIFF, PNG and JPEG names in any case without reading them', async () => {
    for (const key of ['a.pdf', 'b.TIF', 'c.tiff', 'd.jpg', 'e.JPEG', 'f.png']) {
      expect(await classifyObject(obj(key), prefixOf([]))).toEqual({ include: true });
    }
    expect(reads).toEqual([]);
  });

  it('ignores other extensions and sniffs extension-less files with one small read', async () => {
    expect(await classifyObject(obj('notes/readme.txt'), prefixOf([]))).toEqual({
      include: false,
      reason: 'not a document file name',
    });
    expect(
      await classifyObject(obj('scans/SCAN0001'), prefixOf([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37])),
    ).toEqual({
      include: true,
    });
    expect(await classifyObject(obj('scans/SCAN0002'), prefixOf([1, 2, 3, 4, 5, 6, 7, 8]))).toEqual({
      include: false,
      reason: 'no PDF, TIFF, PNG or JPEG signature',
    });
    expect(await classifyObject(obj('scans/tiny', 3), prefixOf([]))).toEqual({
      include: false,
      reason: 'too small for a document',
    });
    expect(reads).toEqual(['scans/SCAN0001', 'scans/SCAN0002']);
  });
});
