import { FpolicyEncodeError, FpolicyNegotiationError } from '../errors';
import { encodeFrame, type FrameStyle } from '../frame';
import { element, findChildren, type XmlElement } from '../xml/tree';
import { serializeDocument } from '../xml/writer';
import { expectRoot, leafText, requireChild, requireText } from './fields';

/** NEGO_REQ: the first message ONTAP sends on a new connection (verified capture). No SVM name is included. */
export interface NegoRequest {
  readonly vsUuid: string;
  readonly policyName: string;
  readonly sessionId: string;
  readonly versions: readonly string[];
}

/** NEGO_RESP: the three ids echoed back and exactly one chosen protocol version. */
export interface NegoResponse {
  readonly vsUuid: string;
  readonly policyName: string;
  readonly sessionId: string;
  readonly version: string;
}

/** The versions whose XML layout this package implements, highest first. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly string[] = ['1.2', '1.1', '1.0'];

const VERSION = /^[0-9]{1,4}(\.[0-9]{1,4}){0,3}$/;

const compareVersions = (a: string, b: string): number => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
};

/**
 * The highest version both sides support. Throws `FpolicyNegotiationError` when there is none: answering anyway
 * would only earn an ALERT_MSG and a dropped connection.
 */
export const chooseVersion = (
  offered: readonly string[],
  supported: readonly string[] = SUPPORTED_PROTOCOL_VERSIONS,
): string => {
  const acceptable = new Set(supported.map((v) => v.trim()));
  const common = offered.map((v) => v.trim()).filter((v) => VERSION.test(v) && acceptable.has(v));
  const best = common.sort(compareVersions).at(-1);
  if (best === undefined) {
    throw new FpolicyNegotiationError(
      offered.slice(0, 16).map((v) => v.slice(0, 16)),
      [...supported],
    );
  }
  return best;
};

const requireId = (value: string, name: string): string => {
  if (value === '') throw new FpolicyEncodeError(`${name} must not be empty`);
  return value;
};

export const negoRequestElement = (req: NegoRequest): XmlElement =>
  element('Handshake', [
    element('VsUUID', [requireId(req.vsUuid, 'vsUuid')]),
    element('PolicyName', [requireId(req.policyName, 'policyName')]),
    element('SessionId', [requireId(req.sessionId, 'sessionId')]),
    element(
      'ProtVersion',
      req.versions.map((v) => element('Vers', [requireId(v, 'version')])),
    ),
  ]);

export const negoResponseElement = (resp: NegoResponse): XmlElement =>
  element('HandshakeResp', [
    element('VsUUID', [requireId(resp.vsUuid, 'vsUuid')]),
    element('PolicyName', [requireId(resp.policyName, 'policyName')]),
    element('SessionId', [requireId(resp.sessionId, 'sessionId')]),
    element('ProtVersion', [requireId(resp.version, 'version')]),
  ]);

/** NEGO_REQ body text, e.g. to check byte counts against captures. */
export const buildNegoRequestBody = (req: NegoRequest): string => serializeDocument(negoRequestElement(req));
export const buildNegoResponseBody = (resp: NegoResponse): string => serializeDocument(negoResponseElement(resp));

/** ONTAP → server: the NEGO_REQ frame as ONTAP writes it. */
export const encodeNegoRequest = (req: NegoRequest, style?: FrameStyle): Uint8Array =>
  encodeFrame('NEGO_REQ', buildNegoRequestBody(req), style);

/** Server → ONTAP: the NEGO_RESP frame. */
export const encodeNegoResponse = (resp: NegoResponse, style?: FrameStyle): Uint8Array =>
  encodeFrame('NEGO_RESP', buildNegoResponseBody(resp), style);

/** The reply a server sends to a NEGO_REQ: echoes the ids, picks one version (or throws FpolicyNegotiationError). */
export const negotiate = (
  req: NegoRequest,
  supported: readonly string[] = SUPPORTED_PROTOCOL_VERSIONS,
): NegoResponse => ({
  vsUuid: req.vsUuid,
  policyName: req.policyName,
  sessionId: req.sessionId,
  version: chooseVersion(req.versions, supported),
});

export const decodeNegoRequest = (root: XmlElement): NegoRequest => {
  const handshake = expectRoot(root, 'Handshake');
  return {
    vsUuid: requireText(handshake, 'VsUUID'),
    policyName: requireText(handshake, 'PolicyName'),
    sessionId: requireText(handshake, 'SessionId'),
    versions: findChildren(requireChild(handshake, 'ProtVersion'), 'Vers').map(leafText),
  };
};

export const decodeNegoResponse = (root: XmlElement): NegoResponse => {
  const resp = expectRoot(root, 'HandshakeResp');
  return {
    vsUuid: requireText(resp, 'VsUUID'),
    policyName: requireText(resp, 'PolicyName'),
    sessionId: requireText(resp, 'SessionId'),
    version: requireText(resp, 'ProtVersion').trim(),
  };
};
