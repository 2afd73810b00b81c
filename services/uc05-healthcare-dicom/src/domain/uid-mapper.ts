import { createHmac } from 'node:crypto';
import { DeidentificationConfigError } from './errors';

/** Maps an original UID to its replacement; must be deterministic so a study stays one study. */
export type UidMapper = (originalUid: string) => string;

export interface HmacUidMapperOptions {
  /** Per-deployment secret (≥ 16 bytes); whoever holds it can link new UIDs to originals by brute force. */
  readonly secret: Uint8Array | string;
  /** Prefix of every new UID; `2.25` (UUID-derived UIDs, PS3.5 §B.2) needs no registered root. */
  readonly uidRoot?: string;
}

const MAX_UID_LENGTH = 64;
const UID_ROOT = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/u;

/**
 * New UID = `<root>.<decimal of the first 128 bits of HMAC-SHA256(secret, original)>`. The same original always
 * gives the same UID (so Study/Series/Frame of Reference relations survive across files and runs), different
 * deployments give unrelated UIDs, and the original cannot be recovered without the secret. When the root
 * is long, the number is reduced modulo 10^n so the UID keeps within 64 characters.
 */
export const createHmacUidMapper = (options: HmacUidMapperOptions): UidMapper => {
  const root = options.uidRoot ?? '2.25';
  if (!UID_ROOT.test(root)) throw new DeidentificationConfigError('uidRoot is not a dotted-decimal UID prefix');
  const digits = MAX_UID_LENGTH - root.length - 1;
  if (digits < 20) throw new DeidentificationConfigError(`uidRoot leaves ${digits} digits; at least 20 are needed`);
  const secretLength = typeof options.secret === 'string' ? Buffer.byteLength(options.secret) : options.secret.length;
  if (secretLength < 16) throw new DeidentificationConfigError('the UID secret must be at least 16 bytes');
  const modulus = 10n ** BigInt(digits);
  return (originalUid) => {
    const digest = createHmac('sha256', options.secret).update(originalUid, 'latin1').digest();
    const number = BigInt(`0x${digest.subarray(0, 16).toString('hex')}`) % modulus;
    return `${root}.${number.toString(10)}`;
  };
};
