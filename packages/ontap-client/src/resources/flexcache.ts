import type { AsyncResult, Submitted } from '../jobs';
import type { ListOptions, MutationOptions, SubmitOptions, SvmRef } from '../resource-helpers';
import {
  getRecord,
  isSubmit,
  listRecords,
  mutate,
  mutateOrSubmit,
  notFound,
  single,
  submit,
  svmRefBody,
} from '../resource-helpers';
import type { OntapClient } from '../transport';

export interface FlexCacheOrigin {
  readonly volume?: { readonly name?: string; readonly uuid?: string };
  readonly svm?: { readonly name?: string; readonly uuid?: string };
  readonly state?: string;
  readonly size?: number;
  readonly create_time?: string;
}

/** A FlexCache has no top-level `state` (only `origins[].state`) and `prepopulate` is write-only. */
export interface FlexCache {
  readonly uuid: string;
  readonly name: string;
  readonly svm?: { readonly name?: string; readonly uuid?: string };
  readonly path?: string;
  readonly size?: number;
  readonly guarantee?: { readonly type?: string };
  readonly aggregates?: readonly { readonly name?: string }[];
  readonly origins?: readonly FlexCacheOrigin[];
  readonly dr_cache?: boolean;
  readonly global_file_locking_enabled?: boolean;
  readonly writeback?: { readonly enabled?: boolean };
}

const PATH = '/storage/flexcache/flexcaches';

/** Valid for `/storage/flexcache/flexcaches`; `path`, `size`, `aggregates`, `origins.state/size` are expensive. */
export const FLEXCACHE_FIELDS = [
  'uuid',
  'name',
  'svm',
  'path',
  'size',
  'guarantee.type',
  'aggregates.name',
  'origins.volume.name',
  'origins.volume.uuid',
  'origins.svm.name',
  'origins.svm.uuid',
  'origins.state',
  'origins.size',
  'origins.create_time',
  'dr_cache',
  'global_file_locking_enabled',
  'writeback.enabled',
] as const;

export interface ListFlexCachesFilter {
  readonly name?: string;
  readonly svmName?: string;
}

export const list = (
  client: OntapClient,
  filter: ListFlexCachesFilter = {},
  options?: ListOptions,
): Promise<FlexCache[]> =>
  listRecords<FlexCache>(
    client,
    PATH,
    FLEXCACHE_FIELDS,
    ['uuid', 'name'],
    { name: filter.name, 'svm.name': filter.svmName },
    options,
  );

export const get = (client: OntapClient, uuid: string, signal?: AbortSignal): Promise<FlexCache> =>
  getRecord<FlexCache>(client, `${PATH}/${encodeURIComponent(uuid)}`, FLEXCACHE_FIELDS, ['uuid', 'name'], {}, signal);

export const findByName = async (client: OntapClient, svmName: string, name: string): Promise<FlexCache | undefined> =>
  single(await list(client, { svmName, name }), 'FlexCache', PATH);

export interface PrepopulateInput {
  /** Origin-relative directories, each starting with `/`. */
  readonly dirPaths: readonly string[];
  readonly excludeDirPaths?: readonly string[];
  readonly recurse?: boolean;
}

export interface CreateFlexCacheInput {
  readonly svm: SvmRef;
  readonly name: string;
  /** Origins are given by name (ONTAP does not accept origin volume uuids on create). */
  readonly origins: readonly { readonly volumeName: string; readonly svmName: string }[];
  /** Junction path; must start with `/` and not end with `/`. */
  readonly path?: string;
  readonly size?: number;
  readonly aggregates?: readonly string[];
  readonly prepopulate?: PrepopulateInput;
}

const prepopulateBody = (input: PrepopulateInput) => ({
  dir_paths: [...input.dirPaths],
  ...(input.excludeDirPaths === undefined ? {} : { exclude_dir_paths: [...input.excludeDirPaths] }),
  ...(input.recurse === undefined ? {} : { recurse: input.recurse }),
});

/**
 * Creates a FlexCache, waits for the job and returns it; with `wait: false` returns the job (and the
 * cache's uuid) as soon as ONTAP accepted the request.
 */
export function create(client: OntapClient, input: CreateFlexCacheInput, options: SubmitOptions): Promise<Submitted>;
export function create(client: OntapClient, input: CreateFlexCacheInput, options?: MutationOptions): Promise<FlexCache>;
export async function create(
  client: OntapClient,
  input: CreateFlexCacheInput,
  options?: MutationOptions | SubmitOptions,
): Promise<FlexCache | Submitted> {
  const body = {
    name: input.name,
    svm: svmRefBody(input.svm),
    origins: input.origins.map((o) => ({ volume: { name: o.volumeName }, svm: { name: o.svmName } })),
    ...(input.path === undefined ? {} : { path: input.path }),
    ...(input.size === undefined ? {} : { size: input.size }),
    ...(input.aggregates === undefined ? {} : { aggregates: input.aggregates.map((name) => ({ name })) }),
    ...(input.prepopulate === undefined ? {} : { prepopulate: prepopulateBody(input.prepopulate) }),
  };
  if (isSubmit(options)) return submit(client, 'POST', PATH, body, options);
  await mutate(client, 'POST', PATH, body, options);
  const found = single(
    await list(client, 'name' in input.svm ? { svmName: input.svm.name, name: input.name } : { name: input.name }),
    'FlexCache',
    PATH,
  );
  if (found === undefined)
    throw notFound(PATH, `FlexCache "${input.name}" was not found after its create job succeeded`);
  return found;
}

/** Starts a prepopulate (the cache must be mounted) and waits for its job, unless `wait: false`. */
export function prepopulate(
  client: OntapClient,
  uuid: string,
  input: PrepopulateInput,
  options: SubmitOptions,
): Promise<Submitted>;
export function prepopulate(
  client: OntapClient,
  uuid: string,
  input: PrepopulateInput,
  options?: MutationOptions,
): Promise<AsyncResult>;
export function prepopulate(
  client: OntapClient,
  uuid: string,
  input: PrepopulateInput,
  options?: MutationOptions | SubmitOptions,
): Promise<AsyncResult | Submitted> {
  return mutateOrSubmit(
    client,
    'PATCH',
    `${PATH}/${encodeURIComponent(uuid)}`,
    { prepopulate: prepopulateBody(input) },
    options,
  );
}

export function remove(client: OntapClient, uuid: string, options: SubmitOptions): Promise<Submitted>;
export function remove(client: OntapClient, uuid: string, options?: MutationOptions): Promise<AsyncResult>;
export function remove(
  client: OntapClient,
  uuid: string,
  options?: MutationOptions | SubmitOptions,
): Promise<AsyncResult | Submitted> {
  return mutateOrSubmit(client, 'DELETE', `${PATH}/${encodeURIComponent(uuid)}`, undefined, options);
}
