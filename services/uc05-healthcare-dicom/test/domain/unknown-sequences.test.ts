import { describe, expect, it } from 'vitest';
import { deidentify, findPhiLeaks, parseDicom } from '../../src/domain';
import { uidMap, valuesOf } from './helpers';

// Hand-assembled little-endian streams: independent of both the generator and the service's writer.
const u16 = (value: number): number[] => [value & 0xff, value >>> 8];
const u32 = (value: number): number[] => [...u16(value & 0xffff), ...u16(value >>> 16)];
const tag = (group: number, element: number): number[] => [...u16(group), ...u16(element)];
const uidBytes = (uid: string): number[] => {
  const bytes = [...Buffer.from(uid, 'latin1')];
  return bytes.length % 2 === 0 ? bytes : [...bytes, 0];
};
const implicit = (group: number, element: number, value: number[]): number[] => [
  ...tag(group, element),
  ...u32(value.length),
  ...value,
];
const explicitShort = (group: number, element: number, vr: string, value: number[]): number[] => [
  ...tag(group, element),
  ...Buffer.from(vr, 'latin1'),
  ...u16(value.length),
  ...value,
];

const REFERENCED_STUDY = '1.2.3.4.5.6.7.8';
const SOP_INSTANCE = '1.2.3.4.5.6.7.9';

describe('sequences the dictionary does not know', () => {
  it('remaps UIDs inside a defined-length sequence of an unknown tag in an implicit VR raw dataset', () => {
    // (0040,A375) Current Requested Procedure Evidence Sequence is not in our dictionary: read as UN, then
    // recognised as a sequence because its value starts with an item tag.
    const item = implicit(0x0020, 0x000d, uidBytes(REFERENCED_STUDY));
    const sequenceValue = [...tag(0xfffe, 0xe000), ...u32(item.length), ...item];
    const bytes = Uint8Array.from([
      ...implicit(0x0008, 0x0016, uidBytes('1.2.840.10008.5.1.4.1.1.7')),
      ...implicit(0x0008, 0x0018, uidBytes(SOP_INSTANCE)),
      ...implicit(0x0040, 0xa375, sequenceValue),
    ]);
    const original = parseDicom(bytes);
    const { bytes: output } = deidentify(bytes, { uidMap });
    expect(valuesOf(output, 0x0020000d)).toEqual([uidMap(REFERENCED_STUDY)]);
    expect(findPhiLeaks(original, output)).toEqual([]);
  });

  it('reads an undefined-length UN as an implicit VR sequence (CP-246) and remaps UIDs inside it', () => {
    const item = implicit(0x0008, 0x1155, uidBytes(REFERENCED_STUDY));
    const unSequence = [
      ...tag(0x0040, 0xa375),
      ...Buffer.from('UN', 'latin1'),
      0,
      0,
      ...u32(0xffffffff),
      ...tag(0xfffe, 0xe000),
      ...u32(0xffffffff),
      ...item,
      ...tag(0xfffe, 0xe00d),
      ...u32(0),
      ...tag(0xfffe, 0xe0dd),
      ...u32(0),
    ];
    const bytes = Uint8Array.from([
      ...explicitShort(0x0008, 0x0016, 'UI', uidBytes('1.2.840.10008.5.1.4.1.1.7')),
      ...explicitShort(0x0008, 0x0018, 'UI', uidBytes(SOP_INSTANCE)),
      ...unSequence,
    ]);
    const original = parseDicom(bytes);
    expect(original.transferSyntax.explicitVr).toBe(true);
    const { bytes: output } = deidentify(bytes, { uidMap });
    expect(valuesOf(output, 0x00081155)).toEqual([uidMap(REFERENCED_STUDY)]);
    expect(findPhiLeaks(original, output)).toEqual([]);
  });
});
