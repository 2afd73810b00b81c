import { malformedXml } from './s3-error';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes text for an XML element or attribute; control characters XML 1.0 cannot carry become char refs. */
export const escapeXml = (text: string): string =>
  text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 cannot carry these characters literally
    /[&<>"']|[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g,
    (ch) => ESCAPES[ch] ?? `&#x${ch.charCodeAt(0).toString(16)};`,
  );

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five named entities and numeric character references. Unknown entities are an error. */
export const unescapeXml = (text: string): string =>
  text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    const named = NAMED[ref];
    if (named === undefined) throw malformedXml(`unknown entity ${whole}`);
    return named;
  });

/** `<name>escaped text</name>`; skipped when the value is undefined. */
export const el = (name: string, value: string | number | boolean | undefined): string =>
  value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`;

/** Wraps already-built child XML in an element. */
export const wrap = (name: string, children: string): string => `<${name}>${children}</${name}>`;

export const xmlDocument = (rootName: string, children: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${rootName} xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${children}</${rootName}>`;

/**
 * The raw inner XML of every `<tag>` element (or '' for `<tag/>`), in document order.
 * Enough for the flat request bodies S3 receives (Delete, CompleteMultipartUpload, Tagging).
 */
export const elements = (xml: string, tag: string): string[] => {
  const pattern = new RegExp(`<${tag}(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</${tag}>)`, 'g');
  return [...xml.matchAll(pattern)].map((m) => m[1] ?? '');
};

/** The decoded text of the first `<tag>` child, or undefined. */
export const text = (xml: string, tag: string): string | undefined => {
  const first = elements(xml, tag)[0];
  return first === undefined ? undefined : unescapeXml(first);
};
