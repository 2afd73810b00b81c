import { OntapNotFoundError, OntapResponseError } from './errors';
import { type AsyncResult, completeAsync, type Submitted, submittedOf, type WaitForJobOptions } from './jobs';
import { paginate } from './paginate';
import type { Query } from './query';
import { asRecord } from './records';
import type { HttpMethod, OntapClient } from './transport';

/** Options of every call that may start an ONTAP job: the call waits for the job(s). */
export interface MutationOptions {
  readonly wait?: WaitForJobOptions;
  readonly signal?: AbortSignal;
}

/**
 * `wait: false`: the call returns as soon as ONTAP accepted the request, with the job to watch
 * (`jobs.status`, `waitForJob`), for callers that wait elsewhere (a state machine's Wait state).
 */
export interface SubmitOptions {
  readonly wait: false;
  readonly signal?: AbortSignal;
}

export const isSubmit = (options: MutationOptions | SubmitOptions | undefined): options is SubmitOptions =>
  options?.wait === false;

export interface ListOptions {
  /** Page size; ONTAP's default applies when omitted. */
  readonly maxRecords?: number;
  readonly signal?: AbortSignal;
}

/** Reference to an SVM by name or uuid, as ONTAP accepts in request bodies. */
export type SvmRef = { readonly name: string } | { readonly uuid: string };

export const getRecord = async <T>(
  client: OntapClient,
  path: string,
  fields: readonly string[],
  identity: readonly string[],
  extraQuery: Query = {},
  signal?: AbortSignal,
): Promise<T> => {
  const response = await client.request({
    method: 'GET',
    path,
    query: { ...extraQuery, fields },
    ...(signal === undefined ? {} : { signal }),
  });
  return asRecord<T>(response.body, identity, { method: 'GET', path });
};

export const listRecords = async <T>(
  client: OntapClient,
  path: string,
  fields: readonly string[],
  identity: readonly string[],
  filters: Query,
  options: ListOptions = {},
): Promise<T[]> => {
  const result: T[] = [];
  for await (const record of paginate(client, path, { ...filters, fields }, options)) {
    result.push(asRecord<T>(record, identity, { method: 'GET', path }));
  }
  return result;
};

/** Sends a POST/PATCH/DELETE and waits for the job(s) it started, whatever the 2xx status. */
export const mutate = async (
  client: OntapClient,
  method: Exclude<HttpMethod, 'GET'>,
  path: string,
  body: unknown,
  options: MutationOptions = {},
  query?: Query,
): Promise<AsyncResult> => {
  const response = await client.request({
    method,
    path,
    ...(body === undefined ? {} : { body }),
    ...(query === undefined ? {} : { query }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const wait =
    options.signal === undefined || options.wait?.signal !== undefined
      ? options.wait
      : { ...options.wait, signal: options.signal };
  return completeAsync(client, response, { method, path }, wait);
};

/**
 * Sends a POST/PATCH/DELETE and returns what ONTAP accepted without polling any job. A POST asks for
 * `return_records=true` so the created record's uuid comes back when ONTAP includes it.
 */
export const submit = async (
  client: OntapClient,
  method: Exclude<HttpMethod, 'GET'>,
  path: string,
  body: unknown,
  options: { readonly signal?: AbortSignal } = {},
  query?: Query,
): Promise<Submitted> => {
  const fullQuery: Query | undefined = method === 'POST' ? { ...query, return_records: true } : query;
  const response = await client.request({
    method,
    path,
    ...(body === undefined ? {} : { body }),
    ...(fullQuery === undefined ? {} : { query: fullQuery }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return submittedOf(response, { method, path });
};

/** `mutate` or `submit`, as the options ask. */
export const mutateOrSubmit = (
  client: OntapClient,
  method: Exclude<HttpMethod, 'GET'>,
  path: string,
  body: unknown,
  options?: MutationOptions | SubmitOptions,
  query?: Query,
): Promise<AsyncResult | Submitted> =>
  isSubmit(options)
    ? submit(client, method, path, body, options, query)
    : mutate(client, method, path, body, options, query);

/** A lookup by name found nothing: the same error a GET on a missing key raises. */
export const notFound = (path: string, message: string): OntapNotFoundError =>
  new OntapNotFoundError(404, { message, code: '4', arguments: [] }, { method: 'GET', path, headers: {} });

/** Exactly zero or one record expected (lookup by a unique key); returns undefined on zero. */
export const single = <T>(records: readonly T[], what: string, path: string): T | undefined => {
  if (records.length > 1) {
    throw new OntapResponseError(`Expected at most one ${what}, ONTAP returned ${records.length}`, {
      method: 'GET',
      path,
      headers: {},
    });
  }
  return records[0];
};

export const svmRefBody = (svm: SvmRef): { name: string } | { uuid: string } =>
  'name' in svm ? { name: svm.name } : { uuid: svm.uuid };
