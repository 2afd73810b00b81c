import { FpolicyEncodeError, FpolicyFrameError } from '../errors';
import { encodeFrame, type FrameStyle } from '../frame';
import { type FileOperation, type FileProtocol, notfInfoElementName, operationOf, protocolOf } from '../req-types';
import { childElements, element, findChild, findChildren, type XmlElement } from '../xml/tree';
import { serializeDocument } from '../xml/writer';
import {
  expectRoot,
  leafText,
  omitUndefined,
  optionalText,
  optionalUnsigned,
  parseDigits,
  parseUnsigned,
  requireChild,
  requireText,
} from './fields';

export type FileType = 'FILE' | 'DIR' | 'UNKNOWN';

export interface UserIdentity {
  readonly uid?: number;
  readonly winSid?: string;
}

/** A SCREEN_REQ as ONTAP sends it for every monitored file operation (also for asynchronous engines). */
export interface ScreenRequest {
  readonly reqId: string;
  /** Raw `ReqType`, e.g. `SMB_CREAT`, `NFS_WR`; kept even when the operation is `other`. */
  readonly reqType: string;
  readonly operation: FileOperation;
  readonly protocol: FileProtocol;
  readonly protocolVersion?: { readonly major: number; readonly minor: number };
  readonly clientIp?: string;
  readonly generationTime: Date;
  /** `GenerationTime` exactly as sent: microseconds since the Unix epoch. */
  readonly generationTimeMicros: number;
  readonly userIdType?: string;
  readonly user: UserIdentity;
  readonly fileOwner?: UserIdentity;
  /** UNIX_NAME access path, relative to the volume root, `/`-separated, as sent (leading `/`). */
  readonly path: string;
  /** WIN_NAME access path (`\`-separated), when sent. */
  readonly winPath?: string;
  /** Rename: the new UNIX_NAME path from `TargetAccessPath`. */
  readonly targetPath?: string;
  readonly targetWinPath?: string;
  /** Volume MSID: the only volume identity in the message (look it up with `GET /api/storage/volumes?msid=`). */
  readonly volMsid: string;
  readonly fileSize?: number;
  readonly fileType: FileType;
  /** SMB: `\\<cifs-server>\<share>\<path>`. */
  readonly displayPath?: string;
  /** SMB_CREAT: `CreatNewObject` = 1. */
  readonly isNewObject?: boolean;
  /** Operation-specific leaf elements of `<XxxReq>` (e.g. `OpenAccmode`), in document order. */
  readonly details: readonly (readonly [string, string])[];
}

/** What the simulator needs to produce a SCREEN_REQ; optional elements are omitted when undefined. */
export interface ScreenRequestInput {
  readonly reqId: string | number;
  readonly reqType: string;
  readonly clientIp?: string;
  /** Microseconds since the epoch; use `dateToMicros` for a Date. */
  readonly generationTimeMicros: number;
  readonly userIdType?: string;
  readonly user?: UserIdentity;
  readonly fileOwner?: UserIdentity;
  /** UNIX_NAME path, volume-relative with a leading `/`. */
  readonly path: string;
  /** WIN_NAME path; defaults to `path` with `/` → `\`. Set `null` for NFS requests, which carry only UNIX_NAME. */
  readonly winPath?: string | null;
  readonly targetPath?: string;
  readonly targetWinPath?: string | null;
  readonly volMsid: string | number;
  readonly fileSize?: number;
  readonly numHardLinks?: number;
  readonly isOffline?: boolean;
  readonly fileType?: 'FILE' | 'DIR';
  readonly isSparse?: boolean;
  readonly isDense?: boolean;
  readonly displayPath?: string;
  readonly protocolVersion?: { readonly major: number; readonly minor: number };
  /** Operation-specific elements written after CommonInfo (SMB_OPEN: OpenAccmode, OpenSharemode, OpenOptions). */
  readonly details?: readonly (readonly [string, string])[];
}

/** SCREEN_RESP for synchronous engines. */
export interface ScreenResponse {
  readonly reqId: string;
  readonly reqType: string;
  /**
   * `NotfResp` verdict. UNVERIFIED: servers disagree on which number means allow and which deny (one sends 1,
   * another 2), and no capture of ONTAP's interpretation exists. The caller must choose the value deliberately.
   */
  readonly notfResp: number;
}

export const dateToMicros = (date: Date): number => date.getTime() * 1000;

/** µs → Date (millisecond precision; the exact value stays in `generationTimeMicros`). */
export const microsToDate = (micros: number): Date => new Date(Math.floor(micros / 1000));

const REQ_TYPE = /^[A-Z][A-Z0-9_]{0,63}$/;
const MAX_PATH_CHARS = 4096 * 4;

const flag = (name: string, value: boolean | undefined): XmlElement | undefined =>
  value === undefined ? undefined : element(name, [value ? '1' : '0']);
const num = (name: string, value: number | undefined): XmlElement | undefined =>
  value === undefined ? undefined : element(name, [checkedUnsigned(name, value)]);
const text = (name: string, value: string | undefined): XmlElement | undefined =>
  value === undefined ? undefined : element(name, [value]);

const checkedUnsigned = (name: string, value: number): string => {
  if (!Number.isSafeInteger(value) || value < 0) throw new FpolicyEncodeError(`${name} must be a non-negative integer`);
  return String(value);
};

const toWinPath = (path: string): string => path.replaceAll('/', '\\');

const accessPath = (name: string, unixPath: string, winPath: string | null | undefined): XmlElement => {
  const win = winPath === undefined ? toWinPath(unixPath) : winPath;
  return element(name, [
    win === null ? undefined : element('Path', [element('PathNameType', ['WIN_NAME']), element('PathName', [win])]),
    element('Path', [element('PathNameType', ['UNIX_NAME']), element('PathName', [unixPath])]),
  ]);
};

const identity = (
  name: string,
  user: UserIdentity | undefined,
  wrap: (el: XmlElement[]) => XmlElement,
): XmlElement | undefined => {
  if (user === undefined) return undefined;
  const parts = [num('Uid', user.uid), text('WinSid', user.winSid)].filter((p): p is XmlElement => p !== undefined);
  return parts.length === 0 ? undefined : element(name, [wrap(parts)]);
};

/** The `<FscreenReq>` element in the order of the captures. */
export const screenRequestElement = (input: ScreenRequestInput): XmlElement => {
  if (!REQ_TYPE.test(input.reqType)) throw new FpolicyEncodeError('reqType must be upper-case letters, digits and _');
  if (input.path === '') throw new FpolicyEncodeError('path must not be empty (the volume root is "/")');
  const reqId = typeof input.reqId === 'number' ? checkedUnsigned('reqId', input.reqId) : input.reqId;
  const volMsid = typeof input.volMsid === 'number' ? checkedUnsigned('volMsid', input.volMsid) : input.volMsid;
  const userContext = identity('UsrContext', input.user, (parts) => element('MappedId', parts));
  const fileOwner = input.fileOwner === undefined ? undefined : element('FileOwner', identityParts(input.fileOwner));
  const protCommonInfo = element('ProtCommonInfo', [
    text('ClientIp', input.clientIp),
    num('GenerationTime', input.generationTimeMicros),
    userContext === undefined ? undefined : element('UsrIdType', [input.userIdType ?? 'MAPPED_ID']),
    userContext,
    fileOwner,
    accessPath('AccessPath', input.path, input.winPath),
    element('VolMsid', [volMsid]),
    num('FileSize', input.fileSize),
    num('NumHardLnk', input.numHardLinks),
    flag('IsOfflineAttr', input.isOffline),
    text('FileType', input.fileType),
    flag('IsSparse', input.isSparse),
    flag('IsDense', input.isDense),
  ]);
  const commonInfo = element('CommonInfo', [
    protCommonInfo,
    text('DisplayPath', input.displayPath),
    input.protocolVersion === undefined
      ? undefined
      : element('ProtVer', [
          num('MajorNum', input.protocolVersion.major),
          num('MinorNum', input.protocolVersion.minor),
        ]),
  ]);
  const target =
    input.targetPath === undefined ? undefined : accessPath('TargetAccessPath', input.targetPath, input.targetWinPath);
  const details = (input.details ?? []).map(([name, value]) => element(name, [value]));
  return element('FscreenReq', [
    element('ReqId', [reqId]),
    element('ReqType', [input.reqType]),
    element('NotfInfo', [element(notfInfoElementName(input.reqType), [commonInfo, target, ...details])]),
  ]);
};

const identityParts = (user: UserIdentity): XmlElement[] =>
  [num('Uid', user.uid), text('WinSid', user.winSid)].filter((p): p is XmlElement => p !== undefined);

export const buildScreenRequestBody = (input: ScreenRequestInput): string =>
  serializeDocument(screenRequestElement(input));

/** ONTAP → server: one SCREEN_REQ frame as ONTAP writes it. */
export const encodeScreenRequest = (input: ScreenRequestInput, style?: FrameStyle): Uint8Array =>
  encodeFrame('SCREEN_REQ', buildScreenRequestBody(input), style);

export const screenResponseElement = (resp: ScreenResponse): XmlElement =>
  element('FscreenResp', [
    element('ReqId', [resp.reqId]),
    element('ReqType', [resp.reqType]),
    element('NotfResp', [checkedUnsigned('notfResp', resp.notfResp)]),
  ]);

/** Server → ONTAP: SCREEN_RESP, needed only for synchronous engines. */
export const encodeScreenResponse = (resp: ScreenResponse, style?: FrameStyle): Uint8Array =>
  encodeFrame('SCREEN_RESP', serializeDocument(screenResponseElement(resp)), style);

/** The answer to a request: same ReqId and ReqType, the verdict chosen by the caller. */
export const screenResponseFor = (req: Pick<ScreenRequest, 'reqId' | 'reqType'>, notfResp: number): ScreenResponse => ({
  reqId: req.reqId,
  reqType: req.reqType,
  notfResp,
});

export const decodeScreenResponse = (root: XmlElement): ScreenResponse => {
  const resp = expectRoot(root, 'FscreenResp');
  return {
    reqId: parseDigits('ReqId', requireText(resp, 'ReqId')),
    reqType: requireText(resp, 'ReqType').trim(),
    notfResp: parseUnsigned('NotfResp', requireText(resp, 'NotfResp')),
  };
};

interface ParsedAccessPath {
  readonly unix?: string;
  readonly win?: string;
}

const readAccessPath = (container: XmlElement): ParsedAccessPath => {
  let unix: string | undefined;
  let win: string | undefined;
  for (const path of findChildren(container, 'Path')) {
    const type = requireText(path, 'PathNameType').trim();
    const name = requireText(path, 'PathName');
    if (name.length > MAX_PATH_CHARS) throw new FpolicyFrameError('invalid-value', '<PathName> is too long');
    if (type === 'UNIX_NAME' && unix === undefined) unix = name;
    else if (type === 'WIN_NAME' && win === undefined) win = name;
  }
  // UNIX_NAME is the path of record; a WIN_NAME alone is converted (Windows names cannot contain `/` or `\`).
  return omitUndefined<ParsedAccessPath>({ unix: unix ?? win?.replaceAll('\\', '/'), win });
};

/** An empty element carries no value: treat it as absent. */
const nonEmpty = (value: string | undefined): string | undefined => (value === '' ? undefined : value);

const readIdentity = (container: XmlElement | undefined): UserIdentity | undefined => {
  if (container === undefined) return undefined;
  // UsrContext wraps the ids in one more element (MappedId in captures); FileOwner holds them directly.
  const holders = [container, ...childElements(container)];
  let uid: number | undefined;
  let winSid: string | undefined;
  for (const holder of holders) {
    uid ??= optionalUnsigned(holder, 'Uid');
    winSid ??= nonEmpty(optionalText(holder, 'WinSid'));
  }
  return omitUndefined<UserIdentity>({ uid, winSid });
};

const readFileType = (value: string | undefined): FileType => {
  const trimmed = value?.trim();
  return trimmed === 'FILE' || trimmed === 'DIR' ? trimmed : 'UNKNOWN';
};

/** The operation element: by the verified naming rule, or the single child when a type names it differently. */
const operationElement = (notfInfo: XmlElement, reqType: string): XmlElement => {
  const expected = findChild(notfInfo, notfInfoElementName(reqType));
  if (expected !== undefined) return expected;
  const children = childElements(notfInfo);
  const only = children[0];
  if (children.length === 1 && only !== undefined) return only;
  throw new FpolicyFrameError('missing-element', `<NotfInfo> has no <${notfInfoElementName(reqType)}>`);
};

export const decodeScreenRequest = (root: XmlElement): ScreenRequest => {
  const req = expectRoot(root, 'FscreenReq');
  const reqId = parseDigits('ReqId', requireText(req, 'ReqId'));
  const reqType = requireText(req, 'ReqType').trim();
  if (!REQ_TYPE.test(reqType)) throw new FpolicyFrameError('invalid-value', '<ReqType> is not an upper-case token');
  const op = operationElement(requireChild(req, 'NotfInfo'), reqType);
  const commonInfo = requireChild(op, 'CommonInfo');
  const prot = requireChild(commonInfo, 'ProtCommonInfo');

  const generationTimeMicros = parseUnsigned('GenerationTime', requireText(prot, 'GenerationTime'));
  const access = readAccessPath(requireChild(prot, 'AccessPath'));
  if (access.unix === undefined) throw new FpolicyFrameError('missing-element', '<AccessPath> has no path');
  const targetContainer =
    findChild(op, 'TargetAccessPath') ??
    findChild(commonInfo, 'TargetAccessPath') ??
    findChild(prot, 'TargetAccessPath');
  const target = targetContainer === undefined ? undefined : readAccessPath(targetContainer);
  if (targetContainer !== undefined && target?.unix === undefined) {
    throw new FpolicyFrameError('missing-element', '<TargetAccessPath> has no path');
  }
  const protVer = findChild(commonInfo, 'ProtVer');
  const protocolVersion =
    protVer === undefined
      ? undefined
      : {
          major: parseUnsigned('MajorNum', requireText(protVer, 'MajorNum')),
          minor: parseUnsigned('MinorNum', requireText(protVer, 'MinorNum')),
        };
  const details: [string, string][] = [];
  for (const child of childElements(op)) {
    if (child.name === 'CommonInfo' || child.name === 'TargetAccessPath' || childElements(child).length > 0) continue;
    details.push([child.name, leafText(child)]);
  }
  const newObject = details.find(([name]) => name === 'CreatNewObject')?.[1].trim();

  return omitUndefined<ScreenRequest>({
    reqId,
    reqType,
    operation: operationOf(reqType),
    protocol: protocolOf(reqType, protocolVersion?.major),
    protocolVersion,
    clientIp: nonEmpty(optionalText(prot, 'ClientIp')?.trim()),
    generationTime: microsToDate(generationTimeMicros),
    generationTimeMicros,
    userIdType: optionalText(prot, 'UsrIdType')?.trim(),
    user: readIdentity(findChild(prot, 'UsrContext')) ?? {},
    fileOwner: readIdentity(findChild(prot, 'FileOwner')),
    path: access.unix,
    winPath: access.win,
    targetPath: target?.unix,
    targetWinPath: target?.win,
    volMsid: parseDigits('VolMsid', requireText(prot, 'VolMsid')),
    fileSize: optionalUnsigned(prot, 'FileSize'),
    fileType: readFileType(optionalText(prot, 'FileType')),
    displayPath: optionalText(commonInfo, 'DisplayPath'),
    isNewObject: newObject === undefined ? undefined : newObject !== '0',
    details,
  });
};
