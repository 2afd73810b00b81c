export {
  FATAL_FRAME_REASONS,
  FpolicyEncodeError,
  FpolicyError,
  FpolicyEventError,
  FpolicyFrameError,
  FpolicyNegotiationError,
  type FrameErrorReason,
} from './errors';
export { type FileEvent, type FileEventContext, fileEventSchema, normaliseVolumePath, toFileEvent } from './file-event';
export {
  DEFAULT_FRAME_LIMITS,
  DEFAULT_MAX_FRAME_BYTES,
  DEFAULT_MAX_HEADER_BYTES,
  decodePayload,
  encodeFrame,
  type FpolicyFrame,
  FRAME_DELIMITER,
  FRAME_PREFIX_BYTES,
  type FrameLimits,
  type FrameStyle,
} from './frame';
export { type DecodedFrame, decodeFrame, FrameDecoder } from './frame-decoder';
export { buildHeaderLine, type FrameHeader, parseHeaderLine } from './header';
export {
  type DecodeMessageOptions,
  decodeMessage,
  encodeAlertMessage,
  encodeHousekeeping,
  encodeKeepAlive,
  type FpolicyMessage,
} from './messages/decode';
export {
  buildNegoRequestBody,
  buildNegoResponseBody,
  chooseVersion,
  decodeNegoRequest,
  decodeNegoResponse,
  encodeNegoRequest,
  encodeNegoResponse,
  type NegoRequest,
  type NegoResponse,
  negotiate,
  SUPPORTED_PROTOCOL_VERSIONS,
} from './messages/negotiation';
export {
  buildScreenRequestBody,
  dateToMicros,
  decodeScreenRequest,
  decodeScreenResponse,
  encodeScreenRequest,
  encodeScreenResponse,
  type FileType,
  microsToDate,
  type ScreenRequest,
  type ScreenRequestInput,
  type ScreenResponse,
  screenResponseFor,
  type UserIdentity,
} from './messages/screen';
export { decodeProtobufFields, encodeProtobufFields, type ProtobufField, type ProtobufOptions } from './protobuf';
export {
  type Evidence,
  type FileOperation,
  type FileProtocol,
  notfInfoElementName,
  operationOf,
  protocolOf,
  REQ_TYPE_TABLE,
  type ReqTypeInfo,
} from './req-types';
export { DEFAULT_XML_LIMITS, parseXml, type XmlLimits } from './xml/reader';
export {
  childElements,
  element,
  findChild,
  findChildren,
  isElement,
  textContent,
  type XmlElement,
  type XmlNode,
} from './xml/tree';
export { serializeDocument, serializeElement, XML_DECLARATION } from './xml/writer';
