import { invalidValue, unexpectedArgument } from './errors';
import { matchesFilter } from './filter-match';
import { getPath, isObject, type Json, type JsonObject, mergeJson, omitPath, pickPath } from './json';
import { isValidField, isValidFilter, type Vocabulary } from './vocabulary';

/** How one endpoint's records are validated, filtered, projected and paged. */
export interface CollectionSpec {
  readonly vocabulary: Vocabulary;
  /** Dotted paths every record carries even without `fields=` (usually uuid + name). */
  readonly identity: readonly string[];
  /** Dotted paths that order the collection and form the `start.<key>` cursor. */
  readonly cursor: readonly string[];
  /** Dotted paths left out of `fields=*` and of default single GETs' `*` (only named or `**`). */
  readonly expensive?: readonly string[];
}

export interface GetQuery {
  /** Undefined when the request named no `fields`. */
  readonly fields: readonly string[] | undefined;
  readonly filters: ReadonlyArray<readonly [string, string]>;
  readonly maxRecords: number | undefined;
  readonly returnRecords: boolean;
  readonly start: ReadonlyMap<string, string>;
}

const COLLECTION_PARAMS = new Set(['fields', 'max_records', 'return_records', 'return_timeout', 'order_by']);

const parseInteger = (raw: string, name: string, min: number, max: number): number => {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw invalidValue(raw, name);
  return value;
};

const parseBoolean = (raw: string, name: string): boolean => {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw invalidValue(raw, name);
};

/** Validates every query parameter of a GET the way ONTAP does (262179 unknown, 262197 bad field). */
export const parseGetQuery = (
  params: URLSearchParams,
  spec: CollectionSpec,
  kind: 'collection' | 'single',
  extraParams: readonly string[] = [],
): GetQuery => {
  let fields: string[] | undefined;
  let maxRecords: number | undefined;
  let returnRecords = true;
  const filters: Array<readonly [string, string]> = [];
  const start = new Map<string, string>();
  for (const [key, value] of params) {
    if (key === 'fields') {
      fields = [
        ...(fields ?? []),
        ...value
          .split(',')
          .map((f) => f.trim())
          .filter((f) => f.length > 0),
      ];
    } else if (key === 'return_timeout') {
      parseInteger(value, key, 0, 120);
    } else if (extraParams.includes(key)) {
      // endpoint-specific parameter, handled by the endpoint
    } else if (kind === 'single') {
      throw unexpectedArgument(key);
    } else if (key === 'max_records') {
      maxRecords = parseInteger(value, key, 1, 1_000_000);
    } else if (key === 'return_records') {
      returnRecords = parseBoolean(value, key);
    } else if (key === 'order_by') {
      for (const entry of value.split(',')) {
        const field = entry.trim().split(/\s+/)[0] ?? '';
        if (!isValidFilter(spec.vocabulary, field)) throw invalidValue(entry, 'order_by');
      }
    } else if (key.startsWith('start.') && spec.cursor.includes(key.slice('start.'.length))) {
      start.set(key.slice('start.'.length), value);
    } else if (isValidFilter(spec.vocabulary, key) && !COLLECTION_PARAMS.has(key)) {
      filters.push([key, value]);
    } else {
      throw unexpectedArgument(key);
    }
  }
  for (const field of fields ?? []) {
    if (!isValidField(spec.vocabulary, field)) throw invalidValue(field, 'fields');
  }
  return { fields, filters, maxRecords, returnRecords, start };
};

const split = (path: string): string[] => path.split('.');

const withoutExpensive = (record: JsonObject, spec: CollectionSpec): JsonObject => {
  let out: Json = record;
  for (const path of spec.expensive ?? []) out = omitPath(out, split(path));
  return out as JsonObject;
};

/**
 * Projects a full record for the response. Collections default to the identity fields; single GETs
 * default to everything. Filtered keys always appear (ONTAP echoes the fields a query filtered on).
 */
export const project = (
  full: JsonObject,
  spec: CollectionSpec,
  query: Pick<GetQuery, 'fields' | 'filters'>,
  kind: 'collection' | 'single',
): JsonObject => {
  const fields = query.fields;
  if (fields === undefined && kind === 'single') return full;
  if (fields?.includes('**')) return full;
  let out: Json | undefined;
  if (fields?.includes('*')) out = withoutExpensive(full, spec);
  const named = [...spec.identity, ...(fields ?? []).filter((f) => f !== '*'), ...query.filters.map(([key]) => key)];
  for (const path of named) out = mergeJson(out, pickPath(full, split(path)));
  const links = full._links;
  const result: JsonObject = isObject(out) ? { ...out } : {};
  if (links !== undefined) result._links = links;
  return result;
};

const cursorOf = (record: JsonObject, spec: CollectionSpec): string[] =>
  spec.cursor.map((key) => {
    const value = getPath(record, split(key));
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  });

const compareTuples = (a: readonly string[], b: readonly string[]): number => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
};

/** Filters, orders by the cursor key, pages with `max_records` and answers like ONTAP. */
export const renderCollection = (
  records: readonly JsonObject[],
  spec: CollectionSpec,
  query: GetQuery,
  selfHref: string,
  params: URLSearchParams,
): JsonObject => {
  const matching = records
    .filter((record) =>
      query.filters.every(([key, expression]) => matchesFilter(getPath(record, split(key)), expression)),
    )
    .map((record) => ({ record, key: cursorOf(record, spec) }))
    .sort((a, b) => compareTuples(a.key, b.key));
  const startKey = spec.cursor.map((key) => query.start.get(key) ?? '');
  const afterCursor =
    query.start.size === 0 ? matching : matching.filter((entry) => compareTuples(entry.key, startKey) > 0);
  const page = query.maxRecords === undefined ? afterCursor : afterCursor.slice(0, query.maxRecords);
  const last = page.at(-1);
  const hasMore = page.length < afterCursor.length && last !== undefined;

  const links: JsonObject = { self: { href: selfHref } };
  if (hasMore) {
    const next = new URLSearchParams();
    spec.cursor.forEach((key, i) => {
      next.append(`start.${key}`, last.key[i] ?? '');
    });
    for (const [key, value] of params) if (!key.startsWith('start.')) next.append(key, value);
    links.next = { href: `${selfHref.split('?')[0]}?${next.toString()}` };
  }
  const body: JsonObject = {};
  if (query.returnRecords) body.records = page.map((entry) => project(entry.record, spec, query, 'collection'));
  body.num_records = page.length;
  body._links = links;
  return body;
};
