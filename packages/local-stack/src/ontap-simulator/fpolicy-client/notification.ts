import type { ScreenRequestInput, UserIdentity } from '@fsxn/fpolicy';
import { FpolicyClientError } from './errors';
import { type EventProtocol, type NotifiedOperation, protocolVersionOf, reqTypeFor } from './operations';

/** One file operation waiting to be sent (or re-sent) as a SCREEN_REQ. */
export interface Notification {
  readonly operation: NotifiedOperation;
  readonly reqType: string;
  readonly volumeName: string;
  readonly volMsid: number;
  /** Volume-relative, `/`-separated, with a leading `/` (the volume root is `/`). */
  readonly path: string;
  /** Rename: the new name, same form as `path`. */
  readonly newPath?: string;
  readonly fileSize: number;
  readonly fileType: 'FILE' | 'DIR';
  readonly clientIp: string;
  readonly user?: UserIdentity;
  /** When the operation happened, µs since the epoch (ONTAP's `GenerationTime`). */
  readonly generationTimeMicros: number;
  /** `Date.now()` when queued; buffered notifications older than the buffer age limit are dropped. */
  readonly queuedAtMs: number;
  /** The session and ReqId it was last sent with: kept on a replay within the same session. */
  sentAs?: { readonly sessionId: string; readonly reqId: number };
}

export interface NotificationInput {
  readonly operation: NotifiedOperation;
  readonly protocol: EventProtocol;
  readonly volumeName: string;
  readonly volMsid: number;
  readonly path: string;
  readonly newPath?: string;
  readonly fileSize?: number;
  readonly fileType?: 'FILE' | 'DIR';
  readonly clientIp: string;
  readonly user?: UserIdentity;
  readonly generationTimeMicros: number;
  readonly nowMs: number;
}

const hasControlCharacter = (text: string): boolean =>
  [...text].some((c) => {
    const code = c.codePointAt(0) ?? 0;
    return code < 0x20 || code === 0x7f;
  });

/**
 * `a/b.txt`, `/a/b.txt`, `a\b.txt` → `/a/b.txt`. ONTAP sends paths relative to the volume root; a `..` segment or a
 * control character cannot come from a real client, so they are refused rather than sent.
 */
export const toVolumePath = (relativePath: string): string => {
  const segments = relativePath
    .replaceAll('\\', '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..' || hasControlCharacter(s))) {
    throw new FpolicyClientError(`path "${relativePath.slice(0, 200)}" has a ".." segment or a control character`);
  }
  return `/${segments.join('/')}`;
};

export const buildNotification = (input: NotificationInput): Notification => {
  if (input.operation === 'rename' && input.newPath === undefined) {
    throw new FpolicyClientError('a rename notification needs the new path');
  }
  const fileSize = input.fileSize ?? 0;
  if (!Number.isSafeInteger(fileSize) || fileSize < 0) throw new FpolicyClientError('fileSize must be a byte count');
  return {
    operation: input.operation,
    reqType: reqTypeFor(input.protocol, input.operation),
    volumeName: input.volumeName,
    volMsid: input.volMsid,
    path: toVolumePath(input.path),
    ...(input.operation === 'rename' && input.newPath !== undefined ? { newPath: toVolumePath(input.newPath) } : {}),
    fileSize,
    fileType: input.fileType ?? 'FILE',
    clientIp: input.clientIp,
    ...(input.user === undefined ? {} : { user: input.user }),
    generationTimeMicros: input.generationTimeMicros,
    queuedAtMs: input.nowMs,
  };
};

/**
 * SMB2 CREATE values of a client creating a new file (read/write data and attributes, share read+write,
 * FILE_CREATE, FILE_NON_DIRECTORY_FILE); ONTAP copies them into the Creat* elements. `CreatNewObject` = 1 is the
 * captured fact; the four SMB2 values are the simulator's choice of a typical Windows client.
 */
const SMB_CREATE_DETAILS: readonly (readonly [string, string])[] = [
  ['CreatAccmode', '1180063'],
  ['CreatSharemode', '3'],
  ['CreatDisposition', '2'],
  ['CreatOptions', '64'],
  ['CreatNewObject', '1'],
];

/** The SCREEN_REQ fields for one notification, laid out like ONTAP's (both path forms, µs time, MSID). */
export const screenRequestInput = (
  notification: Notification,
  protocol: EventProtocol,
  reqId: number,
): ScreenRequestInput => ({
  reqId,
  reqType: notification.reqType,
  clientIp: notification.clientIp,
  generationTimeMicros: notification.generationTimeMicros,
  ...(notification.user === undefined ? {} : { user: notification.user }),
  path: notification.path,
  ...(notification.newPath === undefined ? {} : { targetPath: notification.newPath }),
  volMsid: notification.volMsid,
  fileSize: notification.fileSize,
  numHardLinks: 1,
  isOffline: false,
  fileType: notification.fileType,
  isSparse: false,
  isDense: false,
  protocolVersion: protocolVersionOf(protocol),
  ...(protocol === 'cifs' && notification.operation === 'create' ? { details: SMB_CREATE_DETAILS } : {}),
});
