import { AclFormatError } from './errors';

/** A Windows security identifier: revision 1, a 48-bit identifier authority, up to 15 32-bit sub-authorities. */
export interface Sid {
  readonly authority: number;
  readonly subAuthorities: readonly number[];
}

const MAX_AUTHORITY = 2 ** 48 - 1;
const MAX_SUB_AUTHORITY = 2 ** 32 - 1;
const DECIMAL = /^(?:0|[1-9]\d*)$/;
const HEX_AUTHORITY = /^0x[0-9a-f]{1,12}$/i;

/**
 * Parses the string form `S-1-<authority>-<sub>…` (MS-DTYP 2.4.2.1): the authority in decimal, or in hex
 * (`0x…`) when it does not fit 32 bits; 1 to 15 sub-authorities, each an unsigned 32-bit decimal.
 */
export const parseSid = (text: string): Sid => {
  const parts = text.split('-');
  const [prefix, revision, authorityText, ...subs] = parts;
  if (prefix?.toUpperCase() !== 'S' || revision !== '1' || authorityText === undefined) {
    throw new AclFormatError(`not a SID (expected S-1-…): ${JSON.stringify(text.slice(0, 80))}`);
  }
  let authority: number;
  if (HEX_AUTHORITY.test(authorityText)) authority = Number.parseInt(authorityText.slice(2), 16);
  else if (DECIMAL.test(authorityText) && authorityText.length <= 15) authority = Number(authorityText);
  else throw new AclFormatError(`SID authority is not a number: ${JSON.stringify(text.slice(0, 80))}`);
  if (authority > MAX_AUTHORITY) throw new AclFormatError(`SID authority exceeds 48 bits: ${text.slice(0, 80)}`);
  if (subs.length < 1 || subs.length > 15) {
    throw new AclFormatError(`a SID has 1 to 15 sub-authorities, found ${subs.length}: ${text.slice(0, 80)}`);
  }
  const subAuthorities = subs.map((sub) => {
    const value = DECIMAL.test(sub) && sub.length <= 10 ? Number(sub) : Number.NaN;
    if (!(value <= MAX_SUB_AUTHORITY)) {
      throw new AclFormatError(`SID sub-authority is not an unsigned 32-bit number: ${text.slice(0, 80)}`);
    }
    return value;
  });
  return { authority, subAuthorities };
};

/** The canonical string form: decimal authority below 2^32, hex above (as Windows prints it). */
export const formatSid = (sid: Sid): string => {
  const authority = sid.authority < 2 ** 32 ? String(sid.authority) : `0x${sid.authority.toString(16).toUpperCase()}`;
  return ['S', '1', authority, ...sid.subAuthorities.map(String)].join('-');
};

export const isSid = (text: string): boolean => {
  try {
    parseSid(text);
    return true;
  } catch (error) {
    if (error instanceof AclFormatError) return false;
    throw error;
  }
};

/** The canonical form of a SID string (upper-case `S`, decimal authority), or the error if it is none. */
export const canonicalSid = (text: string): string => formatSid(parseSid(text));

/**
 * Well-known SIDs whose names are fixed by Windows itself (MS-DTYP 2.4.2.4): they resolve without a domain
 * controller, so an unresolved one is never a deleted account.
 */
export const WELL_KNOWN_SID_NAMES: Readonly<Record<string, string>> = {
  'S-1-1-0': 'Everyone',
  'S-1-3-0': 'CREATOR OWNER',
  'S-1-3-1': 'CREATOR GROUP',
  'S-1-5-2': 'NT AUTHORITY\\NETWORK',
  'S-1-5-4': 'NT AUTHORITY\\INTERACTIVE',
  'S-1-5-7': 'NT AUTHORITY\\ANONYMOUS LOGON',
  'S-1-5-11': 'NT AUTHORITY\\Authenticated Users',
  'S-1-5-18': 'NT AUTHORITY\\SYSTEM',
  'S-1-5-19': 'NT AUTHORITY\\LOCAL SERVICE',
  'S-1-5-20': 'NT AUTHORITY\\NETWORK SERVICE',
  'S-1-5-32-544': 'BUILTIN\\Administrators',
  'S-1-5-32-545': 'BUILTIN\\Users',
  'S-1-5-32-546': 'BUILTIN\\Guests',
  'S-1-5-32-547': 'BUILTIN\\Power Users',
  'S-1-5-32-551': 'BUILTIN\\Backup Operators',
};
