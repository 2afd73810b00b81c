/** Every value representation of PS3.5 §6.2 (2024). */
export const VRS = [
  'AE',
  'AS',
  'AT',
  'CS',
  'DA',
  'DS',
  'DT',
  'FD',
  'FL',
  'IS',
  'LO',
  'LT',
  'OB',
  'OD',
  'OF',
  'OL',
  'OV',
  'OW',
  'PN',
  'SH',
  'SL',
  'SQ',
  'SS',
  'ST',
  'SV',
  'TM',
  'UC',
  'UI',
  'UL',
  'UN',
  'UR',
  'US',
  'UT',
  'UV',
] as const;

export type Vr = (typeof VRS)[number];

const VR_SET: ReadonlySet<string> = new Set(VRS);
export const isVr = (value: string): value is Vr => VR_SET.has(value);

/** VRs whose explicit-VR header has 2 reserved bytes and a 32-bit length (PS3.5 Table 7.1-1). */
const LONG_LENGTH_VRS: ReadonlySet<Vr> = new Set<Vr>([
  'OB',
  'OD',
  'OF',
  'OL',
  'OV',
  'OW',
  'SQ',
  'SV',
  'UC',
  'UN',
  'UR',
  'UT',
  'UV',
]);
export const hasLongLength = (vr: Vr): boolean => LONG_LENGTH_VRS.has(vr);

/** Character-string VRs: values are text, multi-valued with a backslash except LT/ST/UT/UR. */
const STRING_VRS: ReadonlySet<Vr> = new Set<Vr>([
  'AE',
  'AS',
  'CS',
  'DA',
  'DS',
  'DT',
  'IS',
  'LO',
  'LT',
  'PN',
  'SH',
  'ST',
  'TM',
  'UC',
  'UI',
  'UR',
  'UT',
]);
export const isStringVr = (vr: Vr): boolean => STRING_VRS.has(vr);

/** VRs that carry free text a person typed: the values a PHI text detector should read. */
export const FREE_TEXT_VRS: ReadonlySet<Vr> = new Set<Vr>(['LO', 'LT', 'SH', 'ST', 'UT', 'UC', 'PN']);

/** Single-valued text VRs: a backslash is part of the text, not a separator. */
const SINGLE_VALUE_TEXT_VRS: ReadonlySet<Vr> = new Set<Vr>(['LT', 'ST', 'UT', 'UR']);
export const isMultiValuedString = (vr: Vr): boolean => isStringVr(vr) && !SINGLE_VALUE_TEXT_VRS.has(vr);

/** Values are padded to even length: UI with NUL, OB/UN with NUL, every other string VR with a space. */
export const paddingByteOf = (vr: Vr): number => (vr === 'UI' || !isStringVr(vr) ? 0x00 : 0x20);

/** Byte width of one value of a fixed-width binary VR (also the unit swapped by big-endian encodings). */
export const BINARY_WIDTH: Readonly<Partial<Record<Vr, number>>> = {
  AT: 2,
  FD: 8,
  FL: 4,
  OD: 8,
  OF: 4,
  OL: 4,
  OV: 8,
  OW: 2,
  SL: 4,
  SS: 2,
  SV: 8,
  UL: 4,
  US: 2,
  UV: 8,
};
