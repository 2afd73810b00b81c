import { FpolicyEncodeError, FpolicyFrameError } from './errors';
import { utf8Decode } from './utf8';
import { parseXml, type XmlLimits } from './xml/reader';
import { childElements, textContent, type XmlElement } from './xml/tree';
import { XML_DECLARATION } from './xml/writer';

/** The three fields of the header line; ONTAP sends all three, in this order. */
export interface FrameHeader {
  /** `NotfType`, e.g. `NEGO_REQ`, `SCREEN_REQ`. */
  readonly notfType: string;
  /** `ContentLen` as declared (ONTAP: body bytes; some servers add one for the trailing NUL). */
  readonly contentLen: number;
  /** `DataFormat`; `XML` on every capture. Servers that omit it are read as `XML`. */
  readonly dataFormat: string;
}

const NOTF_TYPE = /^[A-Z][A-Z0-9_]{0,63}$/;
const DATA_FORMAT = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
const CONTENT_LEN = /^[0-9]{1,10}$/;
const HEADER_FIELDS = new Set(['NotfType', 'ContentLen', 'DataFormat']);

const headerXmlLimits = (maxHeaderBytes: number): XmlLimits => ({
  maxChars: maxHeaderBytes,
  maxDepth: 2,
  maxElements: 1 + HEADER_FIELDS.size,
  maxAttributesPerElement: 0,
  maxNameLength: 16,
});

const badHeader = (message: string, cause?: unknown): FpolicyFrameError =>
  new FpolicyFrameError('bad-header', message, cause === undefined ? {} : { cause });

/** Builds the single header line exactly as ONTAP writes it (declaration, no whitespace, three fields). */
export const buildHeaderLine = (header: FrameHeader): string => {
  if (!NOTF_TYPE.test(header.notfType))
    throw new FpolicyEncodeError('NotfType must be upper-case letters, digits and _');
  if (!DATA_FORMAT.test(header.dataFormat))
    throw new FpolicyEncodeError('DataFormat must be a short alphanumeric token');
  if (!Number.isSafeInteger(header.contentLen) || header.contentLen < 0)
    throw new FpolicyEncodeError('ContentLen must be a non-negative integer');
  return `${XML_DECLARATION}<Header><NotfType>${header.notfType}</NotfType><ContentLen>${header.contentLen}</ContentLen><DataFormat>${header.dataFormat}</DataFormat></Header>`;
};

/** Parses a header line; only the three known fields are accepted, each at most once. */
export const parseHeaderLine = (bytes: Uint8Array, maxHeaderBytes: number): FrameHeader => {
  const text = utf8Decode(bytes, 'frame header');
  let root: XmlElement;
  try {
    root = parseXml(text, headerXmlLimits(maxHeaderBytes));
  } catch (cause) {
    throw badHeader(cause instanceof Error ? cause.message : 'unreadable header', cause);
  }
  if (root.name !== 'Header') throw badHeader('root element is not <Header>');
  const fields = new Map<string, string>();
  for (const child of root.children) {
    if (typeof child === 'string') {
      if (child.trim() !== '') throw badHeader('text directly inside <Header>');
      continue;
    }
    if (!HEADER_FIELDS.has(child.name)) throw badHeader('unknown header field');
    if (fields.has(child.name)) throw badHeader(`duplicate <${child.name}>`);
    if (childElements(child).length > 0) throw badHeader(`<${child.name}> has child elements`);
    fields.set(child.name, textContent(child).trim());
  }
  const notfType = fields.get('NotfType');
  if (notfType === undefined || !NOTF_TYPE.test(notfType)) throw badHeader('missing or invalid <NotfType>');
  const contentLenText = fields.get('ContentLen');
  if (contentLenText === undefined || !CONTENT_LEN.test(contentLenText))
    throw badHeader('missing or invalid <ContentLen>');
  const dataFormat = fields.get('DataFormat') ?? 'XML';
  if (!DATA_FORMAT.test(dataFormat)) throw badHeader('invalid <DataFormat>');
  return { notfType, contentLen: Number.parseInt(contentLenText, 10), dataFormat };
};
