import type { ListOptions } from '../resource-helpers';
import { getRecord, listRecords, notFound, single } from '../resource-helpers';
import type { OntapClient } from '../transport';

export interface Svm {
  readonly uuid: string;
  readonly name: string;
  readonly state?: 'starting' | 'running' | 'stopping' | 'stopped' | 'deleting' | 'initializing';
  readonly subtype?: string;
  readonly language?: string;
  readonly comment?: string;
  readonly ipspace?: { readonly name?: string; readonly uuid?: string };
  readonly snapshot_policy?: { readonly name?: string };
  readonly cifs?: { readonly enabled?: boolean; readonly name?: string };
  readonly nfs?: { readonly enabled?: boolean };
  readonly s3?: { readonly enabled?: boolean; readonly name?: string };
}

const PATH = '/svm/svms';

/** Top-level names from the catalog's `fields`, dotted ones from its `filters` of `/svm/svms`. */
export const SVM_FIELDS = [
  'uuid',
  'name',
  'state',
  'subtype',
  'language',
  'comment',
  'ipspace',
  'snapshot_policy',
  'cifs.enabled',
  'cifs.name',
  'nfs.enabled',
  's3.enabled',
  's3.name',
] as const;

export interface ListSvmsFilter {
  /** Exact name or an ONTAP pattern (`svm*`, `a|b`). */
  readonly name?: string;
}

export const list = (client: OntapClient, filter: ListSvmsFilter = {}, options?: ListOptions): Promise<Svm[]> =>
  listRecords<Svm>(client, PATH, SVM_FIELDS, ['uuid', 'name'], { name: filter.name }, options);

export const get = (client: OntapClient, uuid: string, signal?: AbortSignal): Promise<Svm> =>
  getRecord<Svm>(client, `${PATH}/${encodeURIComponent(uuid)}`, SVM_FIELDS, ['uuid', 'name'], {}, signal);

export const findByName = async (client: OntapClient, name: string): Promise<Svm | undefined> =>
  single(await listRecords<Svm>(client, PATH, SVM_FIELDS, ['uuid', 'name'], { name }), 'SVM', PATH);

/** Like `findByName` but a missing SVM is an OntapNotFoundError. */
export const getByName = async (client: OntapClient, name: string): Promise<Svm> => {
  const svm = await findByName(client, name);
  if (svm === undefined) throw notFound(PATH, `SVM "${name}" does not exist`);
  return svm;
};
