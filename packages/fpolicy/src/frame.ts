import { FpolicyEncodeError, FpolicyError, FpolicyFrameError } from './errors';
import { buildHeaderLine, type FrameHeader, parseHeaderLine } from './header';
import { utf8Encode } from './utf8';

/** `"` opens and closes the 4-byte length on the wire. */
export const FRAME_DELIMITER = 0x22;
/** `"` + u32 big-endian length + `"`. */
export const FRAME_PREFIX_BYTES = 6;
export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;
/** A real header line is 123-130 bytes; 512 leaves room for the longest NotfType and ContentLen. */
export const DEFAULT_MAX_HEADER_BYTES = 512;
/** The u32 length field cannot describe more. */
const U32_MAX = 0xffff_ffff;

const SEPARATOR_BYTE = 0x0a; // the header and the body are separated by "\n\n"

export interface FrameLimits {
  /** Largest accepted payload length N (the value of the length prefix). */
  readonly maxFrameBytes: number;
  /** Largest accepted header line. */
  readonly maxHeaderBytes: number;
}

export const DEFAULT_FRAME_LIMITS: FrameLimits = {
  maxFrameBytes: DEFAULT_MAX_FRAME_BYTES,
  maxHeaderBytes: DEFAULT_MAX_HEADER_BYTES,
};

/** One decoded frame: the header fields and the body bytes (separator and trailing NUL removed). */
export interface FpolicyFrame {
  readonly header: FrameHeader;
  readonly body: Uint8Array;
}

/**
 * How the frame is laid out. The defaults are what ONTAP sends (verified byte counts); the switches reproduce the
 * variants servers send back, which ONTAP accepts: Splunk omits the NUL, Esraayasser counts it in ContentLen.
 */
export interface FrameStyle {
  readonly trailingNul?: boolean;
  readonly contentLenCountsNul?: boolean;
  readonly dataFormat?: string;
  readonly maxFrameBytes?: number;
}

export const resolveLimits = (limits: Partial<FrameLimits> = {}): FrameLimits => {
  const resolved = { ...DEFAULT_FRAME_LIMITS, ...stripUndefined(limits) };
  if (!Number.isSafeInteger(resolved.maxFrameBytes) || resolved.maxFrameBytes < 1 || resolved.maxFrameBytes > U32_MAX) {
    throw new FpolicyError('maxFrameBytes must be an integer between 1 and 2^32-1');
  }
  if (!Number.isSafeInteger(resolved.maxHeaderBytes) || resolved.maxHeaderBytes < 1) {
    throw new FpolicyError('maxHeaderBytes must be a positive integer');
  }
  return resolved;
};

const stripUndefined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Builds a complete frame: `"` + N + `"` + header [+ "\n\n" + body] + NUL. An empty body gets no separator. */
export const encodeFrame = (notfType: string, body: Uint8Array | string, style: FrameStyle = {}): Uint8Array => {
  const bodyBytes = typeof body === 'string' ? utf8Encode(body) : body;
  const trailingNul = style.trailingNul ?? true;
  const countsNul = style.contentLenCountsNul === true && trailingNul && bodyBytes.length > 0;
  const contentLen = bodyBytes.length + (countsNul ? 1 : 0);
  const headerBytes = utf8Encode(buildHeaderLine({ notfType, contentLen, dataFormat: style.dataFormat ?? 'XML' }));
  const separatorBytes = bodyBytes.length > 0 ? 2 : 0;
  const payloadLength = headerBytes.length + separatorBytes + bodyBytes.length + (trailingNul ? 1 : 0);
  const maxFrameBytes = style.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  if (payloadLength > Math.min(maxFrameBytes, U32_MAX))
    throw new FpolicyEncodeError(`frame of ${payloadLength} bytes exceeds ${maxFrameBytes}`);

  const frame = new Uint8Array(FRAME_PREFIX_BYTES + payloadLength);
  frame[0] = FRAME_DELIMITER;
  new DataView(frame.buffer).setUint32(1, payloadLength, false);
  frame[5] = FRAME_DELIMITER;
  let offset = FRAME_PREFIX_BYTES;
  frame.set(headerBytes, offset);
  offset += headerBytes.length;
  if (separatorBytes > 0) {
    frame[offset] = SEPARATOR_BYTE;
    frame[offset + 1] = SEPARATOR_BYTE;
    offset += 2;
  }
  frame.set(bodyBytes, offset);
  // The trailing NUL, when wanted, is the zero the array was created with.
  return frame;
};

const findSeparator = (payload: Uint8Array, searchLimit: number): number => {
  const end = Math.min(payload.length - 1, searchLimit);
  for (let i = 0; i < end; i += 1) {
    if (payload[i] === SEPARATOR_BYTE && payload[i + 1] === SEPARATOR_BYTE) return i;
  }
  return -1;
};

/**
 * Splits a payload (the N bytes after the prefix) into header and body. Tolerant like ONTAP about what servers
 * send (trailing NUL optional, ContentLen = body or body + NUL) and strict about everything else.
 */
export const decodePayload = (payload: Uint8Array, limits: FrameLimits = DEFAULT_FRAME_LIMITS): FpolicyFrame => {
  const separator = findSeparator(payload, limits.maxHeaderBytes + 1);
  if (separator === -1) {
    const headerEnd = payload.at(-1) === 0 ? payload.length - 1 : payload.length;
    if (headerEnd > limits.maxHeaderBytes) {
      throw new FpolicyFrameError('header-too-large', `no header/body separator within ${limits.maxHeaderBytes} bytes`);
    }
    const header = parseHeaderLine(payload.subarray(0, headerEnd), limits.maxHeaderBytes);
    if (header.contentLen !== 0) {
      throw new FpolicyFrameError('missing-separator', `ContentLen ${header.contentLen} but no header/body separator`);
    }
    return { header, body: new Uint8Array(0) };
  }
  const header = parseHeaderLine(payload.subarray(0, separator), limits.maxHeaderBytes);
  const rest = payload.subarray(separator + 2);
  return { header, body: selectBody(rest, header) };
};

/**
 * ONTAP style: rest = body + NUL, ContentLen = body. Splunk style: rest = body, ContentLen = body. Esraayasser
 * style: rest = body + NUL, ContentLen = body + 1. XML never contains NUL, so a final NUL in an XML payload is a
 * terminator; for other formats only ContentLen decides, so a body that really ends in 0x00 is kept whole.
 */
const selectBody = (rest: Uint8Array, header: FrameHeader): Uint8Array => {
  const endsWithNul = rest.at(-1) === 0;
  if (endsWithNul && rest.length === header.contentLen + 1) return rest.subarray(0, header.contentLen);
  if (rest.length === header.contentLen) {
    return endsWithNul && header.dataFormat.toUpperCase() === 'XML' ? rest.subarray(0, rest.length - 1) : rest;
  }
  throw new FpolicyFrameError(
    'content-length-mismatch',
    `ContentLen ${header.contentLen} does not match the ${rest.length} bytes after the separator`,
  );
};
