import { fileSecurityPath } from '../file-security-path';
import { getRecord } from '../resource-helpers';
import type { OntapClient } from '../transport';

export type AceAccess = 'access_allow' | 'access_deny' | 'audit_success' | 'audit_failure';

/** NTFS advanced rights; ONTAP omits rights that are false. */
export interface AdvancedRights {
  readonly append_data?: boolean;
  readonly delete?: boolean;
  readonly delete_child?: boolean;
  readonly execute_file?: boolean;
  readonly full_control?: boolean;
  readonly read_attr?: boolean;
  readonly read_data?: boolean;
  readonly read_ea?: boolean;
  readonly read_perm?: boolean;
  readonly write_attr?: boolean;
  readonly write_data?: boolean;
  readonly write_ea?: boolean;
  readonly write_owner?: boolean;
  readonly synchronize?: boolean;
  readonly write_perm?: boolean;
}

export interface Ace {
  /** Account name, or SID when `lookupNames` is false. */
  readonly user: string;
  readonly access: AceAccess;
  readonly apply_to?: { readonly files?: boolean; readonly sub_folders?: boolean; readonly this_folder?: boolean };
  readonly advanced_rights?: AdvancedRights;
  readonly rights?: 'no_access' | 'full_control' | 'modify' | 'read_and_execute' | 'read' | 'write';
  readonly inherited?: boolean;
  readonly access_control?: 'file_directory' | 'slag';
}

export interface FileSecurity {
  readonly path: string;
  readonly svm?: { readonly name?: string; readonly uuid?: string };
  readonly owner?: string;
  readonly group?: string;
  /** Hex string such as `0x8004`. */
  readonly control_flags?: string;
  readonly acls: readonly Ace[];
  readonly inode?: number;
  readonly security_style?: 'unix' | 'ntfs' | 'mixed' | 'unified';
  readonly effective_style?: 'unix' | 'ntfs' | 'mixed' | 'unified';
  readonly dos_attributes?: string;
  readonly text_dos_attr?: string;
  readonly user_id?: string;
  readonly group_id?: string;
  readonly mode_bits?: number;
  readonly text_mode_bits?: string;
}

/**
 * The catalog has no entry for file-security (it lists GET collections only); these are the properties
 * of the single-object GET as captured from a real ONTAP 9.16 response.
 */
export const FILE_SECURITY_FIELDS = [
  'svm',
  'path',
  'owner',
  'group',
  'control_flags',
  'acls',
  'inode',
  'security_style',
  'effective_style',
  'dos_attributes',
  'text_dos_attr',
  'user_id',
  'group_id',
  'mode_bits',
  'text_mode_bits',
] as const;

export interface GetFileSecurityOptions {
  /** False returns SIDs instead of account names. */
  readonly lookupNames?: boolean;
  readonly signal?: AbortSignal;
}

/**
 * `GET /protocols/file-security/permissions/{svm.uuid}/{namespace path as one encoded segment}`.
 * `namespacePath` is the SVM namespace path: junction path + path inside the volume (`/vol1/dir/a.txt`).
 */
export const get = async (
  client: OntapClient,
  svmUuid: string,
  namespacePath: string,
  options: GetFileSecurityOptions = {},
): Promise<FileSecurity> => {
  const record = await getRecord<Omit<FileSecurity, 'acls'> & { acls?: readonly Ace[] }>(
    client,
    fileSecurityPath(svmUuid, namespacePath),
    FILE_SECURITY_FIELDS,
    ['path'],
    options.lookupNames === undefined ? {} : { lookup_names: options.lookupNames },
    options.signal,
  );
  return { ...record, acls: Array.isArray(record.acls) ? record.acls : [] };
};
