import { FpolicyEncodeError } from '../errors';
import { INVALID_XML_CHAR, XML_NAME } from './chars';
import type { XmlElement } from './tree';

/** The declaration ONTAP puts in front of every header and body, without encoding or standalone. */
export const XML_DECLARATION = '<?xml version="1.0"?>';

const checkEncodable = (text: string): void => {
  const bad = INVALID_XML_CHAR.exec(text);
  if (bad !== null)
    throw new FpolicyEncodeError(
      `character U+${(bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase()} cannot appear in XML 1.0`,
    );
};

/** Escapes character data; CR is written as a reference so that line-end normalisation cannot change it. */
export const escapeText = (text: string): string => {
  checkEncodable(text);
  return text.replace(/[&<>\r]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&#13;'));
};

const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Escapes an attribute value; whitespace other than space is referenced so attribute normalisation keeps it. */
export const escapeAttribute = (value: string): string => {
  checkEncodable(value);
  return value.replace(/[&<>"'\t\n\r]/g, (ch) => ATTRIBUTE_ESCAPES[ch] ?? ch);
};

const checkName = (name: string): void => {
  if (!XML_NAME.test(name))
    throw new FpolicyEncodeError(`not an XML element or attribute name: ${JSON.stringify(name.slice(0, 64))}`);
};

/** Serialises an element tree on one line, the way ONTAP writes its messages (no indentation, no newlines added). */
export const serializeElement = (root: XmlElement): string => {
  const parts: string[] = [];
  const write = (el: XmlElement): void => {
    checkName(el.name);
    parts.push('<', el.name);
    for (const [key, value] of Object.entries(el.attributes)) {
      checkName(key);
      parts.push(' ', key, '="', escapeAttribute(value), '"');
    }
    if (el.children.length === 0) {
      parts.push('/>');
      return;
    }
    parts.push('>');
    for (const child of el.children) {
      if (typeof child === 'string') parts.push(escapeText(child));
      else write(child);
    }
    parts.push('</', el.name, '>');
  };
  write(root);
  return parts.join('');
};

/** A whole document: the ONTAP-style declaration followed by the element. */
export const serializeDocument = (root: XmlElement): string => XML_DECLARATION + serializeElement(root);
