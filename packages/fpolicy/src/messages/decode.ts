import { FpolicyFrameError } from '../errors';
import { encodeFrame, type FpolicyFrame, type FrameStyle } from '../frame';
import { decodeProtobufFields, type ProtobufField } from '../protobuf';
import { utf8Decode } from '../utf8';
import { DEFAULT_XML_LIMITS, parseXml, type XmlLimits } from '../xml/reader';
import { element, textContent, type XmlElement } from '../xml/tree';
import { serializeDocument } from '../xml/writer';
import { decodeNegoRequest, decodeNegoResponse, type NegoRequest, type NegoResponse } from './negotiation';
import { decodeScreenRequest, decodeScreenResponse, type ScreenRequest, type ScreenResponse } from './screen';

/** Every message this package understands, discriminated by its NotfType. */
export type FpolicyMessage =
  | ({ readonly type: 'NEGO_REQ' } & NegoRequest)
  | ({ readonly type: 'NEGO_RESP' } & NegoResponse)
  | { readonly type: 'KEEP_ALIVE' }
  | ({ readonly type: 'SCREEN_REQ' } & ScreenRequest)
  | ({ readonly type: 'SCREEN_RESP' } & ScreenResponse)
  | { readonly type: 'ALERT_MSG'; readonly message: string }
  /** Sync-mode housekeeping that only one open-source server handles; body layout unknown, kept as a tree. */
  | { readonly type: 'STATUS_QUERY_REQ' | 'SCREEN_CANCEL'; readonly body?: XmlElement }
  /** A NotfType this package does not know (e.g. `NOTI_REQ`, never seen from a real ONTAP). Not parsed. */
  | { readonly type: 'UNKNOWN'; readonly notfType: string; readonly bodyBytes: number }
  /** `DataFormat` other than XML with `experimentalProtobuf`: raw wire fields, meaning unknown. */
  | { readonly type: 'PROTOBUF'; readonly notfType: string; readonly fields: readonly ProtobufField[] };

export interface DecodeMessageOptions {
  readonly xmlLimits?: XmlLimits;
  /** Accept non-XML bodies and split them with the unverified protobuf wire decoder. */
  readonly experimentalProtobuf?: true;
}

const bodyRoot = (frame: FpolicyFrame, limits: XmlLimits): XmlElement | undefined =>
  frame.body.length === 0 ? undefined : parseXml(utf8Decode(frame.body, 'message body'), limits);

const requireBody = (frame: FpolicyFrame, limits: XmlLimits): XmlElement => {
  const root = bodyRoot(frame, limits);
  if (root === undefined) throw new FpolicyFrameError('missing-element', `${frame.header.notfType} has an empty body`);
  return root;
};

/**
 * Turns a decoded frame into a typed message. Throws only `FpolicyFrameError` (always resyncable: the frame
 * boundary is known), so a server can log, skip the frame and keep the connection.
 */
export const decodeMessage = (frame: FpolicyFrame, options: DecodeMessageOptions = {}): FpolicyMessage => {
  const limits = options.xmlLimits ?? DEFAULT_XML_LIMITS;
  const { notfType, dataFormat } = frame.header;
  if (dataFormat.toUpperCase() !== 'XML') {
    if (options.experimentalProtobuf === true && dataFormat.toUpperCase() === 'PROTOBUF') {
      return {
        type: 'PROTOBUF',
        notfType,
        fields: decodeProtobufFields(frame.body, { experimental: true, maxBytes: limits.maxChars }),
      };
    }
    throw new FpolicyFrameError('unsupported-data-format', `DataFormat ${dataFormat} is not supported`);
  }
  switch (notfType) {
    case 'NEGO_REQ':
      return { type: 'NEGO_REQ', ...decodeNegoRequest(requireBody(frame, limits)) };
    case 'NEGO_RESP':
      return { type: 'NEGO_RESP', ...decodeNegoResponse(requireBody(frame, limits)) };
    case 'KEEP_ALIVE':
      return { type: 'KEEP_ALIVE' };
    case 'SCREEN_REQ':
      return { type: 'SCREEN_REQ', ...decodeScreenRequest(requireBody(frame, limits)) };
    case 'SCREEN_RESP':
      return { type: 'SCREEN_RESP', ...decodeScreenResponse(requireBody(frame, limits)) };
    case 'ALERT_MSG': {
      const root = bodyRoot(frame, limits);
      return { type: 'ALERT_MSG', message: root === undefined ? '' : textContent(root) };
    }
    case 'STATUS_QUERY_REQ':
    case 'SCREEN_CANCEL': {
      const root = bodyRoot(frame, limits);
      return root === undefined ? { type: notfType } : { type: notfType, body: root };
    }
    default:
      return { type: 'UNKNOWN', notfType, bodyBytes: frame.body.length };
  }
};

/** ONTAP → server keep-alive: header only, ContentLen 0, no separator, trailing NUL (N = 124). */
export const encodeKeepAlive = (style?: FrameStyle): Uint8Array => encodeFrame('KEEP_ALIVE', new Uint8Array(0), style);

/**
 * ONTAP → server ALERT_MSG. UNVERIFIED body layout: no capture shows one; this writes `<AlertMsg>text</AlertMsg>`
 * (the element name the reference project logs). The decoder reads the text of whatever root arrives.
 */
export const encodeAlertMessage = (message: string, style?: FrameStyle): Uint8Array =>
  encodeFrame('ALERT_MSG', serializeDocument(element('AlertMsg', [message])), style);

/** A known-but-unhandled housekeeping message with an arbitrary body (tests, simulator experiments). */
export const encodeHousekeeping = (
  type: 'STATUS_QUERY_REQ' | 'SCREEN_CANCEL',
  body?: XmlElement,
  style?: FrameStyle,
): Uint8Array => encodeFrame(type, body === undefined ? new Uint8Array(0) : serializeDocument(body), style);
