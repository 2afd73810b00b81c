/** A query value: arrays are sent comma-joined (ONTAP's syntax for `fields` and `order_by`). */
export type QueryValue = string | number | boolean | readonly string[];
export type Query = Readonly<Record<string, QueryValue | undefined>>;

/** Encodes a query with `encodeURIComponent` per key and value (commas kept literal for readability). */
export const encodeQuery = (query: Query | undefined): string => {
  if (query === undefined) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(',') : String(value);
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(text).replaceAll('%2C', ',')}`);
  }
  return parts.join('&');
};

/** Joins a path (which may already carry a query, e.g. a `_links.next.href`) with more parameters. */
export const appendQuery = (path: string, query: Query | undefined): string => {
  const encoded = encodeQuery(query);
  if (encoded.length === 0) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${encoded}`;
};
