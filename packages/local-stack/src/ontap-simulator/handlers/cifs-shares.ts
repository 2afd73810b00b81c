import { stat } from 'node:fs/promises';
import type { CollectionSpec } from '../collection';
import { ErrorCodes, invalidValue, notFoundError, OntapRestError } from '../errors';
import {
  assertSettable,
  json,
  listReply,
  oneOf,
  optString,
  reqString,
  singleReply,
  svmFromBody,
  svmLink,
} from '../handler-kit';
import { isObject, type JsonObject } from '../json';
import type { RequestContext, Route } from '../router';
import type { ShareAclModel, ShareModel, SimState } from '../state';
import { vocabularies } from '../vocabulary';

const shareSpec: CollectionSpec = {
  vocabulary: vocabularies.cifsShares,
  identity: ['svm', 'name'],
  cursor: ['svm.uuid', 'name'],
};
const known = new Set(vocabularies.cifsShares.filters);
const key = (svmUuid: string, name: string) => `${svmUuid}\n${name.toLowerCase()}`;

const toJson = (state: SimState, share: ShareModel): JsonObject => {
  const volume = state.volumes.get(share.volumeUuid);
  return {
    svm: svmLink(state.svm(share.svmUuid)),
    name: share.name,
    path: share.path,
    ...(share.comment === undefined ? {} : { comment: share.comment }),
    ...(volume === undefined ? {} : { volume: { name: volume.name, uuid: volume.uuid } }),
    acls: share.acls.map((acl) => ({ ...acl })),
    oplocks: true,
    browsable: true,
    change_notify: true,
    _links: { self: { href: `/api/protocols/cifs/shares/${share.svmUuid}/${encodeURIComponent(share.name)}` } },
  };
};

const shareOf = (ctx: RequestContext): ShareModel => {
  const svm = ctx.sim.state.svm(ctx.params.svm ?? '');
  const share = ctx.sim.state.shares.get(key(svm.uuid, ctx.params.name ?? ''));
  if (share === undefined) throw notFoundError('name');
  return share;
};

const readAcls = (value: unknown): ShareAclModel[] => {
  if (value === undefined) return [{ user_or_group: 'Everyone', type: 'windows', permission: 'full_control' }];
  if (!Array.isArray(value)) throw invalidValue(JSON.stringify(value), 'acls');
  return value.map((acl) => ({
    user_or_group: reqString(acl, 'user_or_group'),
    type: oneOf(optString(acl, 'type'), ['windows', 'unix_user', 'unix_group'] as const, 'acls.type') ?? 'windows',
    permission:
      oneOf(
        optString(acl, 'permission'),
        ['no_access', 'read', 'change', 'full_control'] as const,
        'acls.permission',
      ) ?? 'full_control',
  }));
};

/** CIFS share create/delete are synchronous (201/200, no job). */
export const cifsShareRoutes = (): Route[] => [
  {
    method: 'GET',
    pattern: '/protocols/cifs/shares',
    handle: (ctx) =>
      listReply(ctx, shareSpec, () => [...ctx.sim.state.shares.values()].map((s) => toJson(ctx.sim.state, s))),
  },
  {
    method: 'GET',
    pattern: '/protocols/cifs/shares/{svm}/{name}',
    handle: (ctx) => singleReply(ctx, shareSpec, () => toJson(ctx.sim.state, shareOf(ctx))),
  },
  {
    method: 'POST',
    pattern: '/protocols/cifs/shares',
    handle: async (ctx) => {
      assertSettable(
        ctx.body,
        [
          'svm.name',
          'svm.uuid',
          'name',
          'path',
          'comment',
          'acls',
          'oplocks',
          'browsable',
          'change_notify',
          'access_based_enumeration',
          'encryption',
          'continuously_available',
          'show_snapshot',
        ],
        known,
      );
      const svm = svmFromBody(ctx);
      const name = reqString(ctx.body, 'name');
      const path = reqString(ctx.body, 'path');
      const state = ctx.sim.state;
      if (state.shares.has(key(svm.uuid, name))) {
        throw new OntapRestError(
          409,
          ErrorCodes.duplicate,
          `A share named "${name}" already exists in SVM "${svm.name}".`,
          'name',
        );
      }
      const resolved = state.resolveNamespacePath(svm.uuid, path);
      const exists =
        resolved === undefined
          ? false
          : await stat(resolved.fsPath).then(
              (s) => s.isDirectory(),
              () => false,
            );
      if (resolved === undefined || !exists) {
        throw new OntapRestError(
          400,
          ErrorCodes.pathNotInNamespace,
          `The specified path "${path}" does not exist in the namespace belonging to SVM "${svm.name}".`,
          'path',
        );
      }
      const share: ShareModel = {
        svmUuid: svm.uuid,
        name,
        path,
        comment: optString(ctx.body, 'comment'),
        volumeUuid: resolved.volume.uuid,
        acls: readAcls(isObject(ctx.body) ? ctx.body.acls : undefined),
      };
      state.shares.set(key(svm.uuid, name), share);
      return json(
        201,
        ctx.query.get('return_records') === 'true' ? { num_records: 1, records: [toJson(state, share)] } : {},
      );
    },
  },
  {
    method: 'PATCH',
    pattern: '/protocols/cifs/shares/{svm}/{name}',
    handle: (ctx) => {
      const share = shareOf(ctx);
      assertSettable(ctx.body, ['comment'], known);
      const comment = optString(ctx.body, 'comment');
      ctx.sim.state.shares.set(key(share.svmUuid, share.name), { ...share, comment });
      return json(200);
    },
  },
  {
    method: 'DELETE',
    pattern: '/protocols/cifs/shares/{svm}/{name}',
    handle: (ctx) => {
      const share = shareOf(ctx);
      ctx.sim.state.shares.delete(key(share.svmUuid, share.name));
      return json(200);
    },
  },
];
