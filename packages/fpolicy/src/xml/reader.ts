import { FpolicyFrameError } from '../errors';
import { INVALID_XML_CHAR, isXmlCodePoint, isXmlWhitespace, XML_NAME_AT } from './chars';
import type { XmlElement, XmlNode } from './tree';

/**
 * Bounds on one document. Everything is counted before it is allocated, so a hostile peer cannot make the reader
 * use more than roughly `maxChars` of memory or recurse (the reader keeps an explicit stack, never the call stack).
 */
export interface XmlLimits {
  readonly maxChars: number;
  readonly maxDepth: number;
  readonly maxElements: number;
  readonly maxAttributesPerElement: number;
  readonly maxNameLength: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxChars: 1024 * 1024,
  maxDepth: 32,
  maxElements: 10_000,
  maxAttributesPerElement: 16,
  maxNameLength: 256,
};

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

const MAX_ENTITY_LENGTH = 12; // "&#x10FFFF;" plus slack: longer references cannot be valid

interface OpenElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlNode[];
  text: string;
}

const malformed = (message: string): FpolicyFrameError => new FpolicyFrameError('xml-malformed', message);
const limit = (message: string): FpolicyFrameError => new FpolicyFrameError('xml-limit-exceeded', message);

/** XML line-end normalisation (section 2.11): CRLF and lone CR become LF. */
const normaliseLineEnds = (text: string): string => (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);

/** Decodes the five predefined entities and character references; anything else is refused (no DTD exists). */
const decodeReferences = (raw: string, at: number): string => {
  if (!raw.includes('&')) return raw;
  let out = '';
  let index = 0;
  while (index < raw.length) {
    const amp = raw.indexOf('&', index);
    if (amp === -1) {
      out += raw.slice(index);
      break;
    }
    out += raw.slice(index, amp);
    const semi = raw.indexOf(';', amp + 1);
    if (semi === -1 || semi - amp > MAX_ENTITY_LENGTH)
      throw malformed(`unterminated reference near offset ${at + amp}`);
    const name = raw.slice(amp + 1, semi);
    out += resolveReference(name, at + amp);
    index = semi + 1;
  }
  return out;
};

const resolveReference = (name: string, at: number): string => {
  const predefined = PREDEFINED_ENTITIES[name];
  if (predefined !== undefined && Object.hasOwn(PREDEFINED_ENTITIES, name)) return predefined;
  let codePoint: number;
  if (/^#x[0-9A-Fa-f]{1,6}$/.test(name)) codePoint = Number.parseInt(name.slice(2), 16);
  else if (/^#[0-9]{1,7}$/.test(name)) codePoint = Number.parseInt(name.slice(1), 10);
  else throw malformed(`undeclared entity reference at offset ${at}`);
  if (!isXmlCodePoint(codePoint)) throw malformed(`character reference to a non-XML character at offset ${at}`);
  return String.fromCodePoint(codePoint);
};

const checkChars = (text: string, at: number): void => {
  const bad = INVALID_XML_CHAR.exec(text);
  if (bad !== null) throw malformed(`character not allowed in XML near offset ${at + bad.index}`);
};

/** Parses one XML document into an element tree, refusing DTDs and entity declarations outright. */
export const parseXml = (input: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement => {
  if (input.length > limits.maxChars) throw limit(`document of ${input.length} characters exceeds ${limits.maxChars}`);
  return new XmlReader(input, limits).document();
};

class XmlReader {
  private pos = 0;
  private elementCount = 0;
  private readonly stack: OpenElement[] = [];
  private root: XmlElement | undefined;

  constructor(
    private readonly src: string,
    private readonly limits: XmlLimits,
  ) {}

  document(): XmlElement {
    if (this.src.startsWith('\uFEFF')) this.pos = 1;
    if (this.src.startsWith('<?xml', this.pos) && isXmlWhitespace(this.src[this.pos + 5])) this.declaration();
    this.misc();
    if (!this.src.startsWith('<', this.pos)) throw malformed('document has no root element');
    this.content();
    this.misc();
    if (this.pos < this.src.length) throw malformed(`content after the root element at offset ${this.pos}`);
    if (this.root === undefined) throw malformed('document has no root element');
    return this.root;
  }

  private declaration(): void {
    const end = this.src.indexOf('?>', this.pos);
    if (end === -1 || end - this.pos > 256) throw malformed('unterminated XML declaration');
    const body = this.src.slice(this.pos + 5, end);
    if (
      !/^\s+version\s*=\s*(["'])1\.[0-9]+\1(\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?(\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*$/.test(
        body,
      )
    ) {
      throw malformed('invalid XML declaration');
    }
    this.pos = end + 2;
  }

  /** Whitespace, comments and processing instructions outside the root element. */
  private misc(): void {
    for (;;) {
      while (isXmlWhitespace(this.src[this.pos])) this.pos += 1;
      if (this.src.startsWith('<!--', this.pos)) this.comment();
      else if (this.src.startsWith('<?', this.pos)) this.processingInstruction();
      else if (this.src.startsWith('<!', this.pos)) this.forbiddenMarkup();
      else return;
    }
  }

  private forbiddenMarkup(): never {
    const what = this.src.slice(this.pos, this.pos + 9).toUpperCase();
    if (
      what.startsWith('<!DOCTYPE') ||
      what.startsWith('<!ENTITY') ||
      what.startsWith('<!ELEMENT') ||
      what.startsWith('<!ATTLIST')
    ) {
      throw new FpolicyFrameError('xml-forbidden-markup', `DTD markup is not accepted (offset ${this.pos})`);
    }
    throw malformed(`unexpected markup declaration at offset ${this.pos}`);
  }

  private comment(): void {
    const end = this.src.indexOf('-->', this.pos + 4);
    if (end === -1) throw malformed('unterminated comment');
    this.pos = end + 3;
  }

  private processingInstruction(): void {
    XML_NAME_AT.lastIndex = this.pos + 2;
    const target = XML_NAME_AT.exec(this.src)?.[0];
    if (target === undefined || target.toLowerCase() === 'xml')
      throw malformed(`invalid processing instruction at offset ${this.pos}`);
    const end = this.src.indexOf('?>', this.pos + 2);
    if (end === -1) throw malformed('unterminated processing instruction');
    this.pos = end + 2;
  }

  /** The root element and everything inside it, driven by an explicit stack. */
  private content(): void {
    do {
      const lt = this.src.indexOf('<', this.pos);
      if (lt === -1) throw malformed('document ends inside an element');
      const top = this.stack.at(-1);
      if (lt > this.pos) {
        const raw = this.src.slice(this.pos, lt);
        if (top === undefined) throw malformed(`text outside the root element at offset ${this.pos}`);
        checkChars(raw, this.pos);
        top.text += decodeReferences(normaliseLineEnds(raw), this.pos);
      }
      this.pos = lt;
      if (this.src.startsWith('</', lt)) this.closeTag();
      else if (this.src.startsWith('<!--', lt)) this.comment();
      else if (this.src.startsWith('<![CDATA[', lt)) this.cdata(top);
      else if (this.src.startsWith('<?', lt)) this.processingInstruction();
      else if (this.src.startsWith('<!', lt)) this.forbiddenMarkup();
      else this.openTag();
    } while (this.stack.length > 0);
  }

  private cdata(top: OpenElement | undefined): void {
    if (top === undefined) throw malformed('CDATA outside the root element');
    const start = this.pos + 9;
    const end = this.src.indexOf(']]>', start);
    if (end === -1) throw malformed('unterminated CDATA section');
    const raw = this.src.slice(start, end);
    checkChars(raw, start);
    top.text += normaliseLineEnds(raw);
    this.pos = end + 3;
  }

  private name(): string {
    XML_NAME_AT.lastIndex = this.pos;
    const match = XML_NAME_AT.exec(this.src);
    if (match === null) throw malformed(`expected a name at offset ${this.pos}`);
    const name = match[0];
    if (name.length > this.limits.maxNameLength)
      throw limit(`name longer than ${this.limits.maxNameLength} characters`);
    this.pos += name.length;
    return name;
  }

  private skipWhitespace(): boolean {
    const start = this.pos;
    while (isXmlWhitespace(this.src[this.pos])) this.pos += 1;
    return this.pos > start;
  }

  private openTag(): void {
    this.pos += 1;
    const name = this.name();
    const attributes: Record<string, string> = Object.create(null);
    let attributeCount = 0;
    for (;;) {
      const spaced = this.skipWhitespace();
      if (this.src.startsWith('/>', this.pos)) {
        this.pos += 2;
        this.pushElement(name, attributes);
        this.popElement();
        return;
      }
      if (this.src.startsWith('>', this.pos)) {
        this.pos += 1;
        this.pushElement(name, attributes);
        return;
      }
      if (!spaced) throw malformed(`expected whitespace, '>' or '/>' at offset ${this.pos}`);
      const attrName = this.name();
      this.skipWhitespace();
      if (this.src[this.pos] !== '=') throw malformed(`expected '=' at offset ${this.pos}`);
      this.pos += 1;
      this.skipWhitespace();
      const quote = this.src[this.pos];
      if (quote !== '"' && quote !== "'") throw malformed(`expected a quoted attribute value at offset ${this.pos}`);
      const end = this.src.indexOf(quote, this.pos + 1);
      if (end === -1) throw malformed('unterminated attribute value');
      const raw = this.src.slice(this.pos + 1, end);
      if (raw.includes('<')) throw malformed(`'<' in attribute value at offset ${this.pos}`);
      checkChars(raw, this.pos + 1);
      if (Object.hasOwn(attributes, attrName)) throw malformed(`duplicate attribute at offset ${this.pos}`);
      attributeCount += 1;
      if (attributeCount > this.limits.maxAttributesPerElement) {
        throw limit(`more than ${this.limits.maxAttributesPerElement} attributes on one element`);
      }
      // Attribute-value normalisation (section 3.3.3): literal whitespace becomes a space, references are kept.
      attributes[attrName] = decodeReferences(normaliseLineEnds(raw).replace(/[\t\n]/g, ' '), this.pos + 1);
      this.pos = end + 1;
    }
  }

  private pushElement(name: string, attributes: Record<string, string>): void {
    if (this.stack.length === 0 && this.root !== undefined) throw malformed('more than one root element');
    this.elementCount += 1;
    if (this.elementCount > this.limits.maxElements) throw limit(`more than ${this.limits.maxElements} elements`);
    if (this.stack.length >= this.limits.maxDepth) throw limit(`nesting deeper than ${this.limits.maxDepth}`);
    const parent = this.stack.at(-1);
    if (parent !== undefined) flushText(parent);
    this.stack.push({ name, attributes, children: [], text: '' });
  }

  private closeTag(): void {
    this.pos += 2;
    const name = this.name();
    this.skipWhitespace();
    if (this.src[this.pos] !== '>') throw malformed(`expected '>' at offset ${this.pos}`);
    this.pos += 1;
    const top = this.stack.at(-1);
    if (top === undefined || top.name !== name) throw malformed(`mismatched end tag at offset ${this.pos}`);
    this.popElement();
  }

  private popElement(): void {
    const open = this.stack.pop();
    if (open === undefined) throw malformed('end tag without a start tag');
    flushText(open);
    const done: XmlElement = { name: open.name, attributes: open.attributes, children: open.children };
    const parent = this.stack.at(-1);
    if (parent === undefined) this.root = done;
    else parent.children.push(done);
  }
}

/** Adjacent character data (text, CDATA, text around comments) becomes one text node. */
const flushText = (open: OpenElement): void => {
  if (open.text !== '') open.children.push(open.text);
  open.text = '';
};
