import { describe, expect, it } from 'vitest';
import { classifyObject } from '../src/discovery-rules';

const reader = (bytes: number[]) => async () => new Uint8Array(bytes);
const none = async (): Promise<Uint8Array> => {
  throw new Error('must not read');
};

describe('classifyObject', () => {
  it('keeps .exr and .dpx by name without reading them', async () => {
    expect(await classifyObject({ key: 'a/shot.1001.EXR', size: 1 }, none)).toEqual({ include: true });
    expect(await classifyObject({ key: 'a/plate_1001.dpx', size: 1 }, none)).toEqual({ include: true });
  });

  it('ignores other render files by name', async () => {
    expect(await classifyObject({ key: 'a/scene.blend', size: 100 }, none)).toEqual({
      include: false,
      reason: 'not an EXR or DPX file name',
    });
  });

  it('sniffs files without an extension for the EXR and DPX magic numbers', async () => {
    expect(await classifyObject({ key: 'a/frame1001', size: 100 }, reader([0x76, 0x2f, 0x31, 0x01]))).toEqual({
      include: true,
    });
    expect(await classifyObject({ key: 'a/plate', size: 100 }, reader([0x58, 0x50, 0x44, 0x53]))).toEqual({
      include: true,
    });
    expect(await classifyObject({ key: 'a/blob', size: 100 }, reader([1, 2, 3, 4]))).toEqual({
      include: false,
      reason: 'no EXR or DPX magic number',
    });
    expect(await classifyObject({ key: 'a/tiny', size: 3 }, none)).toMatchObject({ include: false });
  });
});
