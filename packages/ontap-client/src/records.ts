import { OntapResponseError } from './errors';

export type JsonObject = Readonly<Record<string, unknown>>;

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where a response body came from, for error messages. */
export interface BodySource {
  readonly method: string;
  readonly path: string;
}

const failure = (source: BodySource, what: string): OntapResponseError =>
  new OntapResponseError(`ONTAP ${source.method} ${source.path} returned ${what}`, {
    method: source.method,
    path: source.path,
    headers: {},
  });

/**
 * Narrows a JSON value to a record type after checking that its identity keys are strings. ONTAP's
 * schema is large and optional-heavy; the declared interfaces document what we asked for with `fields=`.
 */
export const asRecord = <T>(value: unknown, identity: readonly string[], source: BodySource): T => {
  if (!isJsonObject(value)) throw failure(source, 'a non-object body');
  for (const key of identity) {
    if (typeof value[key] !== 'string') throw failure(source, `a record without string "${key}"`);
  }
  return value as T;
};

/** The `records` array of a collection body. */
export const recordsOf = (body: unknown, source: BodySource): readonly unknown[] => {
  if (!isJsonObject(body)) throw failure(source, 'a non-object body');
  const records = body.records;
  if (records === undefined) return [];
  if (!Array.isArray(records)) throw failure(source, 'a "records" value that is not an array');
  return records;
};

/** `_links.next.href` of a collection body, if more pages remain. */
export const nextHref = (body: unknown): string | undefined => {
  if (!isJsonObject(body) || !isJsonObject(body._links)) return undefined;
  const next = body._links.next;
  return isJsonObject(next) && typeof next.href === 'string' && next.href.length > 0 ? next.href : undefined;
};
