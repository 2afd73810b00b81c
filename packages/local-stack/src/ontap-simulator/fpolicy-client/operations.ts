/** Protocol of an FPolicy event, as the ONTAP `events[].protocol` field names it. */
export type EventProtocol = 'cifs' | 'nfsv3' | 'nfsv4';

/** The file operations the simulated client reports (the `file_operations` flags of the same names). */
export type NotifiedOperation = 'create' | 'write' | 'close' | 'rename' | 'delete';

/** The `file_operations` flags of an FPolicy event; a missing flag is off, as in ONTAP. */
export type FileOperationFlags = Partial<Record<NotifiedOperation, boolean>>;

/**
 * ReqType per protocol and operation. SMB_CREAT and SMB_REN come from real captures; the others follow the names
 * open-source servers handle (reference §3.5, unverified). `SMB_WR` is the simulator's choice by analogy with
 * `NFS_WR`: no capture or server shows the SMB write name.
 */
const REQ_TYPES: Readonly<Record<'cifs' | 'nfs', Readonly<Record<NotifiedOperation, string>>>> = {
  cifs: { create: 'SMB_CREAT', write: 'SMB_WR', close: 'SMB_CLOSE', rename: 'SMB_REN', delete: 'SMB_DEL' },
  nfs: { create: 'NFS_CREAT', write: 'NFS_WR', close: 'NFS_CLOSE', rename: 'NFS_RENAME', delete: 'NFS_UNLINK' },
};

export const reqTypeFor = (protocol: EventProtocol, operation: NotifiedOperation): string =>
  REQ_TYPES[protocol === 'cifs' ? 'cifs' : 'nfs'][operation];

/** NFSv3 has no CLOSE call, so ONTAP cannot report one for it. */
export const protocolHasClose = (protocol: EventProtocol): boolean => protocol !== 'nfsv3';

/** Whether the event asks for this operation (and the protocol can produce it). */
export const isMonitored = (
  protocol: EventProtocol,
  flags: FileOperationFlags,
  operation: NotifiedOperation,
): boolean => flags[operation] === true && (operation !== 'close' || protocolHasClose(protocol));

/** `ProtVer` written in CommonInfo: SMB 3.1 as in the captures; the NFS version the event names. */
export const protocolVersionOf = (protocol: EventProtocol): { major: number; minor: number } => {
  if (protocol === 'cifs') return { major: 3, minor: 1 };
  return protocol === 'nfsv3' ? { major: 3, minor: 0 } : { major: 4, minor: 0 };
};

/**
 * What a client did to a file that settled, in the order ONTAP reports it: a new file is created, written (unless
 * empty) and closed; a changed file is written and closed. Filtered by the event flags afterwards.
 */
export const operationsForSettledFile = (kind: 'created' | 'modified', size: number): NotifiedOperation[] => {
  if (kind === 'modified') return ['write', 'close'];
  return size === 0 ? ['create', 'close'] : ['create', 'write', 'close'];
};
