import { DeidentificationConfigError } from './errors';
import type { Vr } from './vr';

/** Text VRs that can receive a dummy value (UI never does: UIDs are remapped instead). */
export type DummyTextVr =
  | 'AE'
  | 'AS'
  | 'CS'
  | 'DA'
  | 'DS'
  | 'DT'
  | 'IS'
  | 'LO'
  | 'LT'
  | 'PN'
  | 'SH'
  | 'ST'
  | 'TM'
  | 'UC'
  | 'UR'
  | 'UT';
export type DummyValues = Readonly<Record<DummyTextVr, string>>;

/** Valid for each VR's syntax and maximum length, and obviously fake to a human reader. */
export const DEFAULT_DUMMY_VALUES: DummyValues = {
  AE: 'ANONYMIZED',
  AS: '000Y',
  CS: 'ANONYMIZED',
  DA: '19000101',
  DS: '0',
  DT: '19000101000000',
  IS: '0',
  LO: 'ANONYMIZED',
  LT: 'ANONYMIZED',
  PN: 'ANONYMIZED',
  SH: 'ANONYMIZED',
  ST: 'ANONYMIZED',
  TM: '000000',
  UC: 'ANONYMIZED',
  UR: 'urn:anonymized',
  UT: 'ANONYMIZED',
};

/** PS3.5 Table 6.2-1 maximum lengths and value syntax of the VRs above. */
const CHECKS: Readonly<Record<DummyTextVr, { readonly max: number; readonly pattern?: RegExp }>> = {
  AE: { max: 16 },
  AS: { max: 4, pattern: /^\d{3}[DWMY]$/u },
  CS: { max: 16, pattern: /^[A-Z0-9 _]*$/u },
  DA: { max: 8, pattern: /^\d{8}$/u },
  DS: { max: 16, pattern: /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/u },
  DT: { max: 26, pattern: /^\d{4,14}(\.\d{1,6})?([+-]\d{4})?$/u },
  IS: { max: 12, pattern: /^[+-]?\d+$/u },
  LO: { max: 64 },
  LT: { max: 10240 },
  PN: { max: 64 },
  SH: { max: 16 },
  ST: { max: 1024 },
  TM: { max: 14, pattern: /^\d{2,6}(\.\d{1,6})?$/u },
  UC: { max: 0xfffffffe },
  UR: { max: 0xfffffffe },
  UT: { max: 0xfffffffe },
};

const DUMMY_TEXT_VRS: readonly DummyTextVr[] = [
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
  'UR',
  'UT',
];
const isDummyTextVr = (vr: Vr): vr is DummyTextVr => (DUMMY_TEXT_VRS as readonly string[]).includes(vr);

/** Merges overrides over the defaults, refusing values a conformant reader would reject. */
export const resolveDummyValues = (overrides: Partial<DummyValues> = {}): DummyValues => {
  const merged: DummyValues = { ...DEFAULT_DUMMY_VALUES, ...overrides };
  for (const vr of DUMMY_TEXT_VRS) {
    const value = merged[vr];
    const check = CHECKS[vr];
    const valid =
      value.length > 0 &&
      value.length <= check.max &&
      !value.includes('\\') &&
      /^[\x20-\x7e]*$/u.test(value) &&
      (check.pattern?.test(value) ?? true);
    if (!valid) throw new DeidentificationConfigError(`dummy value for VR ${vr} is not a valid ${vr} value`);
  }
  return merged;
};

/** The dummy text for a VR, or null for binary VRs (the caller writes one zero value of their width). */
export const dummyTextFor = (vr: Vr, values: DummyValues): string | null => (isDummyTextVr(vr) ? values[vr] : null);
