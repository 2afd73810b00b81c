/** What happened to the file, independent of the protocol. `other` = a ReqType this package does not know. */
export type FileOperation = 'create' | 'write' | 'close' | 'rename' | 'delete' | 'open' | 'setattr' | 'read' | 'other';

/** Protocol of the client operation, named like the ONTAP event `protocol` field (`cifs|nfsv3|nfsv4`). */
export type FileProtocol = 'cifs' | 'nfsv3' | 'nfsv4' | 'nfs' | 'unknown';

/** How sure we are that ONTAP sends this ReqType with this meaning. */
export type Evidence = 'verified-capture' | 'unverified';

export interface ReqTypeInfo {
  readonly operation: Exclude<FileOperation, 'other'>;
  readonly evidence: Evidence;
}

/**
 * ReqType → operation. Only the three SMB names come from real captures; the others are the names open-source
 * servers handle (reference §3.5) and stay marked unverified. Anything not listed decodes as `other` with the raw
 * ReqType kept: an unknown operation is never guessed to be a create.
 */
export const REQ_TYPE_TABLE: Readonly<Record<string, ReqTypeInfo>> = {
  SMB_CREAT: { operation: 'create', evidence: 'verified-capture' },
  SMB_OPEN: { operation: 'open', evidence: 'verified-capture' },
  SMB_REN: { operation: 'rename', evidence: 'verified-capture' },
  SMB_CLOSE: { operation: 'close', evidence: 'unverified' },
  SMB_DEL: { operation: 'delete', evidence: 'unverified' },
  NFS_CREAT: { operation: 'create', evidence: 'unverified' },
  NFS_WR: { operation: 'write', evidence: 'unverified' },
  NFS_RD: { operation: 'read', evidence: 'unverified' },
  NFS_CLOSE: { operation: 'close', evidence: 'unverified' },
  NFS_SETATTR: { operation: 'setattr', evidence: 'unverified' },
  NFS_RENAME: { operation: 'rename', evidence: 'unverified' },
  NFS_UNLINK: { operation: 'delete', evidence: 'unverified' },
};

export const operationOf = (reqType: string): FileOperation =>
  Object.hasOwn(REQ_TYPE_TABLE, reqType) ? (REQ_TYPE_TABLE[reqType]?.operation ?? 'other') : 'other';

/**
 * SMB is `cifs`. For NFS the ReqType carries no version; `ProtVer` (seen as SMB 3.1 in captures) is read as the NFS
 * major version when present, otherwise the protocol is reported as plain `nfs`.
 */
export const protocolOf = (reqType: string, protVersionMajor: number | undefined): FileProtocol => {
  const family = reqType.split('_', 1)[0];
  if (family === 'SMB') return 'cifs';
  if (family === 'NFS') {
    if (protVersionMajor === 3) return 'nfsv3';
    if (protVersionMajor === 4) return 'nfsv4';
    return 'nfs';
  }
  return 'unknown';
};

/** `SMB_CREAT` → `SmbCreatReq`: the name of the only child of `<NotfInfo>` (verified for three SMB types). */
export const notfInfoElementName = (reqType: string): string =>
  `${reqType
    .split('_')
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join('')}Req`;
