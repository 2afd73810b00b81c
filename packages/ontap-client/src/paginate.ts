import { OntapResponseError } from './errors';
import type { Query } from './query';
import { nextHref, recordsOf } from './records';
import type { OntapClient } from './transport';

export interface PaginateOptions {
  /** Page size (`max_records`); ONTAP's own default applies when omitted. */
  readonly maxRecords?: number;
  readonly signal?: AbortSignal;
}

/**
 * Yields every record of a GET collection, page after page. The next page is requested with
 * `_links.next.href` verbatim (ONTAP encodes the `start.<key>` cursor and repeats the original query in
 * it); `num_records` is per page, so it is never used as a total.
 */
export async function* paginate(
  client: OntapClient,
  path: string,
  query: Query = {},
  options: PaginateOptions = {},
): AsyncGenerator<unknown, void, undefined> {
  const firstQuery: Query = options.maxRecords === undefined ? query : { ...query, max_records: options.maxRecords };
  let request: { path: string; query?: Query } = { path, query: firstQuery };
  const seen = new Set<string>();
  for (;;) {
    const response = await client.request({
      method: 'GET',
      ...request,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    yield* recordsOf(response.body, { method: 'GET', path: request.path });
    const href = nextHref(response.body);
    if (href === undefined) return;
    // A server that hands out the same cursor twice would loop forever.
    if (seen.has(href)) {
      throw new OntapResponseError(`ONTAP returned the same next link twice: ${href}`, {
        method: 'GET',
        path: href,
        headers: {},
      });
    }
    seen.add(href);
    request = { path: href };
  }
}

/** Collects a paginated collection into an array. */
export const listAll = async (
  client: OntapClient,
  path: string,
  query: Query = {},
  options: PaginateOptions = {},
): Promise<unknown[]> => {
  const result: unknown[] = [];
  for await (const record of paginate(client, path, query, options)) result.push(record);
  return result;
};
