import type { ListOptions, MutationOptions, SvmRef } from '../resource-helpers';
import { getRecord, listRecords, mutate, svmRefBody } from '../resource-helpers';
import type { OntapClient } from '../transport';

export type SharePermission = 'no_access' | 'read' | 'change' | 'full_control';

export interface ShareAcl {
  readonly user_or_group?: string;
  readonly type?: 'windows' | 'unix_user' | 'unix_group';
  readonly permission?: SharePermission;
}

export interface CifsShare {
  readonly name: string;
  readonly svm?: { readonly name?: string; readonly uuid?: string };
  /** SVM namespace path the share exposes. */
  readonly path?: string;
  readonly comment?: string;
  readonly volume?: { readonly name?: string; readonly uuid?: string };
  readonly acls?: readonly ShareAcl[];
}

const PATH = '/protocols/cifs/shares';

export const CIFS_SHARE_FIELDS = [
  'svm',
  'name',
  'path',
  'comment',
  'volume.name',
  'volume.uuid',
  'acls.user_or_group',
  'acls.type',
  'acls.permission',
] as const;

/** Item key is `{svm.uuid}/{share name}`, the name URL-encoded (`c$` → `c%24`). */
export const sharePath = (svmUuid: string, name: string): string =>
  `${PATH}/${encodeURIComponent(svmUuid)}/${encodeURIComponent(name)}`;

export interface ListSharesFilter {
  readonly svmUuid?: string;
  readonly svmName?: string;
  readonly name?: string;
  readonly path?: string;
}

export const list = (client: OntapClient, filter: ListSharesFilter = {}, options?: ListOptions): Promise<CifsShare[]> =>
  listRecords<CifsShare>(
    client,
    PATH,
    CIFS_SHARE_FIELDS,
    ['name'],
    { 'svm.uuid': filter.svmUuid, 'svm.name': filter.svmName, name: filter.name, path: filter.path },
    options,
  );

export const get = (client: OntapClient, svmUuid: string, name: string, signal?: AbortSignal): Promise<CifsShare> =>
  getRecord<CifsShare>(client, sharePath(svmUuid, name), CIFS_SHARE_FIELDS, ['name'], {}, signal);

export interface CreateShareInput {
  readonly svm: SvmRef;
  readonly name: string;
  /** Existing SVM namespace path, e.g. `/vol1_clone` or `/vol1/dir`. */
  readonly path: string;
  readonly comment?: string;
  /** ONTAP adds `Everyone / full_control` when omitted. */
  readonly acls?: readonly ShareAcl[];
}

/** Create is normally synchronous (201); a 202 with a job is awaited all the same. */
export const create = (client: OntapClient, input: CreateShareInput, options?: MutationOptions) =>
  mutate(
    client,
    'POST',
    PATH,
    {
      svm: svmRefBody(input.svm),
      name: input.name,
      path: input.path,
      ...(input.comment === undefined ? {} : { comment: input.comment }),
      ...(input.acls === undefined ? {} : { acls: input.acls }),
    },
    options,
  );

export const remove = (client: OntapClient, svmUuid: string, name: string, options?: MutationOptions) =>
  mutate(client, 'DELETE', sharePath(svmUuid, name), undefined, options);
