import { buildDicomSample } from '@fsxn/testing';
import { describe, expect, it } from 'vitest';
import { classifyObject, MAGIC_PROBE_BYTES } from '../src/discovery-rules';

const dicom = buildDicomSample().bytes;

describe('classifyObject', () => {
  const reads: string[] = [];
  const readPrefix = async (key: string, n: number) => {
    reads.push(key);
    return key.includes('dicom') ? dicom.subarray(0, n) : new Uint8Array(n);
  };

  it('takes .dcm and .dicom files by name, in any case, without reading them', async () => {
    for (const key of ['a/b.dcm', 'B.DCM', 'c.dicom']) {
      expect(await classifyObject({ key, size: 1 }, readPrefix)).toEqual({ include: true });
    }
    expect(reads).toEqual([]);
  });

  it('sniffs extension-less files for the DICM magic with a small read', async () => {
    expect(await classifyObject({ key: 'study/dicom-IM0001', size: 5000 }, readPrefix)).toEqual({ include: true });
    expect(await classifyObject({ key: 'study/README', size: 5000 }, readPrefix)).toMatchObject({ include: false });
    expect(reads).toEqual(['study/dicom-IM0001', 'study/README']);
    expect(MAGIC_PROBE_BYTES).toBe(132);
  });

  it('ignores other extensions and files too small to hold a preamble, without reading them', async () => {
    reads.length = 0;
    expect(await classifyObject({ key: 'notes.txt', size: 5000 }, readPrefix)).toMatchObject({ include: false });
    expect(await classifyObject({ key: 'tiny', size: 131 }, readPrefix)).toMatchObject({ include: false });
    expect(reads).toEqual([]);
  });
});
