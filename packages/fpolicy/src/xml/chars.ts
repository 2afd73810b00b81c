// Character classes of XML 1.0 (5th edition) that the reader and the writer both enforce.

/** Matches any code point outside the XML 1.0 `Char` production (controls, lone surrogates, U+FFFE/U+FFFF). */
export const INVALID_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

const NAME_START =
  ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME_REST = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;

/** A whole string that is an XML `Name` (BMP subset, which covers every name FPolicy uses). */
export const XML_NAME = new RegExp(`^[${NAME_START}][${NAME_REST}]*$`);

/** Sticky matcher used by the reader at a given position. */
export const XML_NAME_AT = new RegExp(`[${NAME_START}][${NAME_REST}]*`, 'y');

export const isXmlCodePoint = (cp: number): boolean =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

export const isXmlWhitespace = (ch: string | undefined): boolean =>
  ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
