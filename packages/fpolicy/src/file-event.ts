import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { FpolicyEventError } from './errors';
import type { ScreenRequest } from './messages/screen';
import type { FileOperation } from './req-types';

const OPERATIONS = [
  'create',
  'write',
  'close',
  'rename',
  'delete',
  'open',
  'setattr',
  'read',
  'other',
] as const satisfies readonly FileOperation[];
const MAX_PATH = 4096;
// C0 controls and DEL have no business in a file name that becomes an object key or a log line.
const hasControlChar = (text: string): boolean => {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
};

const volumePath = z
  .string()
  .max(MAX_PATH)
  .refine((p) => !p.startsWith('/') && !p.endsWith('/') && !p.includes('//'), 'normalised volume-relative path')
  .refine((p) => !p.split('/').some((s) => s === '..' || s === '.'), 'no . or .. segments')
  .refine((p) => !hasControlChar(p), 'no control characters');

/**
 * The event the ingestion service publishes for one SCREEN_REQ. `path` is relative to the volume root, without a
 * leading slash (`''` is the volume root itself); for a rename it is the new name and `previousPath` the old one.
 */
export const fileEventSchema = z.strictObject({
  eventId: z.uuid(),
  operation: z.enum(OPERATIONS),
  /** Raw ReqType, so consumers can tell `other` events apart. */
  reqType: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/),
  protocol: z.enum(['cifs', 'nfsv3', 'nfsv4', 'nfs', 'unknown']),
  svm: z.string().min(1).max(255),
  volume: z.string().min(1).max(255),
  path: volumePath,
  previousPath: volumePath.optional(),
  clientIp: z.union([z.ipv4(), z.ipv6()]).optional(),
  user: z
    .strictObject({ uid: z.number().int().min(0).optional(), winSid: z.string().min(1).max(256).optional() })
    .optional(),
  time: z.iso.datetime(),
  sessionId: z.string().min(1).max(128),
  sequence: z.number().int().min(0),
  fileSize: z.number().int().min(0).optional(),
  fileType: z.enum(['FILE', 'DIR', 'UNKNOWN']),
});

export type FileEvent = z.infer<typeof fileEventSchema>;

export interface FileEventContext {
  /** Name of the volume the request's VolMsid maps to (resolved by the caller through ONTAP REST). */
  readonly volumeName: string;
  readonly svmName: string;
  /** FPolicy session (from NEGO_REQ), so a consumer can order and deduplicate per connection. */
  readonly sessionId: string;
  /** Position of the request in its session, assigned by the server. */
  readonly sequence: number;
  /** Event id source; defaults to a random UUID v4. */
  readonly newEventId?: () => string;
}

/**
 * Normalises an ONTAP UNIX_NAME access path (volume-relative, leading `/`) into an event path: no leading slash,
 * no empty or `.` segments. A `..` segment is refused as hostile rather than resolved: ONTAP never sends one.
 */
export const normaliseVolumePath = (raw: string, field = 'path'): string => {
  if (hasControlChar(raw)) throw new FpolicyEventError(field, 'contains a control character');
  const segments = raw.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw new FpolicyEventError(field, "contains a '..' segment");
  const path = segments.join('/');
  if (path.length > MAX_PATH) throw new FpolicyEventError(field, `longer than ${MAX_PATH} characters`);
  return path;
};

/** Maps a decoded SCREEN_REQ to the published event, validated against `fileEventSchema`. */
export const toFileEvent = (req: ScreenRequest, context: FileEventContext): FileEvent => {
  const isRename = req.operation === 'rename' && req.targetPath !== undefined;
  const user = req.user.uid !== undefined || req.user.winSid !== undefined ? { ...req.user } : undefined;
  const candidate = {
    eventId: (context.newEventId ?? randomUUID)(),
    operation: req.operation,
    reqType: req.reqType,
    protocol: req.protocol,
    svm: context.svmName,
    volume: context.volumeName,
    path: normaliseVolumePath(isRename && req.targetPath !== undefined ? req.targetPath : req.path),
    ...(isRename ? { previousPath: normaliseVolumePath(req.path, 'previousPath') } : {}),
    ...(req.clientIp === undefined ? {} : { clientIp: req.clientIp }),
    ...(user === undefined ? {} : { user }),
    time: req.generationTime.toISOString(),
    sessionId: context.sessionId,
    sequence: context.sequence,
    ...(req.fileSize === undefined ? {} : { fileSize: req.fileSize }),
    fileType: req.fileType,
  };
  const parsed = fileEventSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FpolicyEventError(issue?.path.join('.') || 'event', issue?.message ?? 'invalid event', {
      cause: parsed.error,
    });
  }
  return parsed.data;
};
