import { z } from 'zod';
import { parseControlFlags } from './control-flags';
import { AclChangedDuringReadError, AclFormatError } from './errors';
import { canonicalSid, isSid, WELL_KNOWN_SID_NAMES } from './sid';

/** One ACE as stored for the analytics table (`aclRecordsTable` of @fsxn/analytics). */
export interface AclEntry {
  readonly sid: string;
  /** Resolved account name; null when ONTAP could not resolve the SID (a deleted account). */
  readonly name: string | null;
  readonly type: 'ALLOWED' | 'DENIED' | 'AUDIT_SUCCESS' | 'AUDIT_FAILURE';
  /** `FULL_CONTROL`, a basic right (`MODIFY`, `READ`…), or the advanced rights joined with `|`. */
  readonly permissions: string;
  readonly inherited: boolean;
}

/** One NDJSON line of `acl-data/`: the ACL of one object at one collection. */
export interface AclRecord {
  readonly object_key: string;
  readonly volume_uuid: string;
  readonly security_style: string;
  readonly owner_sid: string | null;
  readonly dacl_protected: boolean;
  readonly acls: readonly AclEntry[];
  /** `YYYY-MM-DD HH:MM:SS.sss` UTC, the timestamp text both Athena and DuckDB read. */
  readonly collected_at: string;
}

/** ONTAP's NTFS advanced rights; rights that are false are omitted. */
export type AdvancedRightsView = { readonly [R in (typeof FULL_ACCESS_RIGHTS)[number] | 'full_control']?: boolean };

/** The subset of an ONTAP file-security record (`GET /protocols/file-security/permissions/…`) the audit reads. */
export interface FileSecurityView {
  readonly owner?: string;
  readonly control_flags?: string;
  readonly security_style?: string;
  readonly effective_style?: string;
  readonly acls: readonly {
    readonly user: string;
    readonly access: string;
    readonly rights?: string;
    readonly advanced_rights?: AdvancedRightsView;
    readonly inherited?: boolean;
  }[];
}

/** Every right of FILE_ALL_ACCESS (0x1F01FF): an ACE with all of them is full control even without the flag. */
export const FULL_ACCESS_RIGHTS = [
  'read_data',
  'write_data',
  'append_data',
  'read_ea',
  'write_ea',
  'execute_file',
  'delete_child',
  'read_attr',
  'write_attr',
  'delete',
  'read_perm',
  'write_perm',
  'write_owner',
  'synchronize',
] as const;

const ACCESS_TYPES: Readonly<Record<string, AclEntry['type']>> = {
  access_allow: 'ALLOWED',
  access_deny: 'DENIED',
  audit_success: 'AUDIT_SUCCESS',
  audit_failure: 'AUDIT_FAILURE',
};

const BASIC_RIGHTS = new Set(['no_access', 'full_control', 'modify', 'read_and_execute', 'read', 'write']);

export const permissionsOf = (ace: FileSecurityView['acls'][number]): string => {
  const advanced = ace.advanced_rights ?? {};
  if (ace.rights === 'full_control' || advanced.full_control === true) return 'FULL_CONTROL';
  if (FULL_ACCESS_RIGHTS.every((right) => advanced[right] === true)) return 'FULL_CONTROL';
  if (ace.rights !== undefined) {
    if (!BASIC_RIGHTS.has(ace.rights)) throw new AclFormatError(`unknown basic right ${JSON.stringify(ace.rights)}`);
    return ace.rights.toUpperCase();
  }
  const granted = Object.entries(advanced)
    .filter(([, on]) => on === true)
    .map(([right]) => right.toUpperCase())
    .sort();
  return granted.length === 0 ? 'NONE' : granted.join('|');
};

/**
 * ONTAP prints the SID itself where it could not look a name up. Well-known SIDs have names fixed by
 * Windows, so only other SIDs count as unresolved (orphaned: the account was deleted).
 */
const resolvedName = (named: string, sid: string): string | null => {
  if (!isSid(named)) return named;
  return WELL_KNOWN_SID_NAMES[sid] ?? null;
};

export interface AclRecordInput {
  readonly objectKey: string;
  readonly volumeUuid: string;
  /** The descriptor read with `lookup_names=true` (account names). */
  readonly named: FileSecurityView;
  /** The same descriptor read with `lookup_names=false` (SIDs). */
  readonly bySid: FileSecurityView;
  readonly collectedAt: string;
}

export type AclRecordOutcome = { kind: 'record'; record: AclRecord } | { kind: 'no-acl'; reason: string };

/**
 * Joins the named and the SID view of one descriptor, ACE by ACE (ONTAP returns them in DACL order).
 * UNIX-style files and NULL DACLs have no ACL to audit: `no-acl` with the reason.
 */
export const toAclRecord = (input: AclRecordInput): AclRecordOutcome => {
  const { named, bySid } = input;
  const style = named.effective_style ?? named.security_style ?? 'unknown';
  if (style === 'unix') return { kind: 'no-acl', reason: 'NoNtfsAcl: UNIX security style (mode bits only, no ACL)' };
  if (named.control_flags === undefined) return { kind: 'no-acl', reason: 'NoNtfsAcl: no security descriptor' };
  const flags = parseControlFlags(named.control_flags);
  if (!flags.daclPresent) {
    return { kind: 'no-acl', reason: 'NoDacl: NULL DACL (no ACL; Windows grants everyone full access)' };
  }
  if (named.acls.length !== bySid.acls.length || named.control_flags !== bySid.control_flags) {
    throw new AclChangedDuringReadError(
      `descriptor of ${input.objectKey} changed between reads (${named.acls.length} vs ${bySid.acls.length} ACEs)`,
    );
  }
  const acls = named.acls.map((ace, i): AclEntry => {
    const other = bySid.acls[i];
    if (other === undefined || other.access !== ace.access) {
      throw new AclChangedDuringReadError(`ACE ${i} of ${input.objectKey} changed between reads`);
    }
    const type = ACCESS_TYPES[ace.access];
    if (type === undefined) throw new AclFormatError(`unknown ACE access ${JSON.stringify(ace.access)}`);
    // Where the name lookup failed ONTAP printed the SID it holds: that is the authoritative value.
    const sid = canonicalSid(isSid(ace.user) ? ace.user : other.user);
    return {
      sid,
      name: resolvedName(ace.user, sid),
      type,
      permissions: permissionsOf(ace),
      inherited: ace.inherited === true,
    };
  });
  const owner = bySid.owner !== undefined && isSid(bySid.owner) ? canonicalSid(bySid.owner) : null;
  return {
    kind: 'record',
    record: {
      object_key: input.objectKey,
      volume_uuid: input.volumeUuid,
      security_style: style,
      owner_sid: owner,
      dacl_protected: flags.daclProtected,
      acls,
      collected_at: input.collectedAt,
    },
  };
};

const aclEntrySchema = z.object({
  sid: z.string().refine(isSid, 'not a SID'),
  name: z.string().nullable(),
  type: z.enum(['ALLOWED', 'DENIED', 'AUDIT_SUCCESS', 'AUDIT_FAILURE']),
  permissions: z.string().min(1),
  inherited: z.boolean(),
});

export const aclRecordSchema = z.object({
  object_key: z.string().min(1),
  volume_uuid: z.string().min(1),
  security_style: z.string().min(1),
  owner_sid: z.string().nullable(),
  dacl_protected: z.boolean(),
  acls: z.array(aclEntrySchema),
  collected_at: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/),
});

/** One line per record, each terminated by `\n` (what Athena's JSON SerDe and DuckDB's read_json expect). */
export const encodeNdjson = (records: readonly AclRecord[]): string =>
  records.map((r) => `${JSON.stringify(r)}\n`).join('');

/** Reads NDJSON lines back; blank lines are allowed, anything else that is not a record is an AclFormatError. */
export const decodeNdjson = (text: string): AclRecord[] =>
  text.split('\n').flatMap((line, i) => {
    if (line.trim() === '') return [];
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new AclFormatError(`line ${i + 1} is not JSON`, { cause: error });
    }
    const parsed = aclRecordSchema.safeParse(value);
    if (!parsed.success)
      throw new AclFormatError(`line ${i + 1} is not an ACL record: ${parsed.error.issues[0]?.message}`);
    return [parsed.data];
  });
