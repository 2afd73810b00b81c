import { createHash } from 'node:crypto';
import { LocalStackError } from '../errors';

interface AccessPointNaming {
  /** Access point name (3-50 chars: lowercase letters, digits, hyphens). */
  name: string;
  /** Fixed alias; `deriveAlias(name)` when omitted. */
  alias?: string;
}

/** An access point over one directory, checked when the access point is added. */
export interface FixedRootAccessPoint extends AccessPointNaming {
  /** The "volume": an ordinary directory served as the access point's objects. */
  rootDir: string;
}

/**
 * An access point whose directory is looked up on every request, e.g. a volume created or unmounted while
 * the emulator runs. `undefined` means "not attached right now" (`NoSuchBucket`); the resolver may also
 * throw an `S3ApEmulatorError` (see `detachedAccessPoint`) to say why.
 */
export interface ResolvedRootAccessPoint extends AccessPointNaming {
  resolveRoot: () => string | undefined;
}

export type AccessPointConfig = FixedRootAccessPoint | ResolvedRootAccessPoint;

export interface AccessPointInfo {
  readonly name: string;
  readonly alias: string;
  /** The directory of a fixed-root access point; absent when the root is resolved per request. */
  readonly rootDir?: string;
}

const ALIAS_SUFFIX = '-ext-s3alias';
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,48})[a-z0-9]$/;

/** `<name>-<10 lowercase alnum>-ext-s3alias`, the same for the same name on every run. */
export const deriveAlias = (name: string): string => {
  const digest = createHash('sha256').update(`fsx-s3ap:${name}`).digest();
  let suffix = '';
  for (let i = 0; i < 10; i++) suffix += ALNUM[(digest[i] as number) % ALNUM.length];
  return `${name}-${suffix}${ALIAS_SUFFIX}`;
};

export const validateAccessPointName = (name: string): void => {
  if (!NAME_PATTERN.test(name) || name.includes('--') || name.endsWith(ALIAS_SUFFIX)) {
    throw new LocalStackError(
      `Invalid access point name "${name}": use 3-50 lowercase letters, digits and single hyphens, not ending in ${ALIAS_SUFFIX}.`,
    );
  }
};

export const validateAlias = (alias: string): void => {
  if (!/^[a-z0-9][a-z0-9-]*-[a-z0-9]{10}-ext-s3alias$/.test(alias) || alias.length > 63) {
    throw new LocalStackError(
      `Invalid access point alias "${alias}": expected <name>-<10 lowercase alnum>${ALIAS_SUFFIX}.`,
    );
  }
};
