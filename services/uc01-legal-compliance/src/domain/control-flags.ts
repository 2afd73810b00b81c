import { AclFormatError } from './errors';

/** SECURITY_DESCRIPTOR_CONTROL bits (MS-DTYP 2.4.6) that the audit reads. */
export const SE_DACL_PRESENT = 0x0004;
export const SE_DACL_AUTO_INHERITED = 0x0400;
export const SE_DACL_PROTECTED = 0x1000;
export const SE_SELF_RELATIVE = 0x8000;

export interface ControlFlags {
  readonly value: number;
  /** False: a NULL DACL, which Windows treats as granting everyone full access. */
  readonly daclPresent: boolean;
  /** The DACL does not inherit from the parent: inheritance is broken at this object. */
  readonly daclProtected: boolean;
}

const HEX = /^0x[0-9a-f]{1,4}$/i;

/** ONTAP's `control_flags`: a 16-bit value as a hex string such as `0x8004`. */
export const parseControlFlags = (text: string): ControlFlags => {
  if (!HEX.test(text))
    throw new AclFormatError(`control_flags is not a 16-bit hex value: ${JSON.stringify(text.slice(0, 40))}`);
  const value = Number.parseInt(text.slice(2), 16);
  return {
    value,
    daclPresent: (value & SE_DACL_PRESENT) !== 0,
    daclProtected: (value & SE_DACL_PROTECTED) !== 0,
  };
};

export const formatControlFlags = (value: number): string => `0x${value.toString(16).padStart(4, '0')}`;
