import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { posix } from 'node:path';
import type { CollectionSpec } from '../collection';
import { ErrorCodes, invalidValue, OntapRestError } from '../errors';
import { singleReply, svmLink } from '../handler-kit';
import type { JsonObject } from '../json';
import type { Route } from '../router';
import type { AceOption, FileSecurityOption, SimState } from '../state';
import { vocabularies } from '../vocabulary';

const spec: CollectionSpec = { vocabulary: vocabularies.fileSecurity, identity: ['path'], cursor: ['path'] };

const ALL_RIGHTS = [
  'append_data',
  'delete',
  'delete_child',
  'execute_file',
  'full_control',
  'read_attr',
  'read_data',
  'read_ea',
  'read_perm',
  'write_attr',
  'write_data',
  'write_ea',
  'write_owner',
  'synchronize',
  'write_perm',
];
const READ = ['read_data', 'read_attr', 'read_ea', 'read_perm', 'synchronize'];
const WRITE = ['write_data', 'append_data', 'write_attr', 'write_ea', 'synchronize'];

/** Advanced rights implied by a basic right; ONTAP omits the rights that are false. */
const RIGHTS: Record<NonNullable<AceOption['rights']>, readonly string[]> = {
  no_access: [],
  full_control: ALL_RIGHTS,
  read: READ,
  read_and_execute: [...READ, 'execute_file'],
  write: WRITE,
  modify: [...new Set([...READ, 'execute_file', ...WRITE, 'delete'])],
};

const WELL_KNOWN_SIDS: Record<string, string> = {
  everyone: 'S-1-1-0',
  'builtin\\administrators': 'S-1-5-32-544',
  'builtin\\users': 'S-1-5-32-545',
  'nt authority\\system': 'S-1-5-18',
  'nt authority\\authenticated users': 'S-1-5-11',
  'authenticated users': 'S-1-5-11',
  'creator owner': 'S-1-3-0',
};

/** With `lookup_names=false` ONTAP returns SIDs; unknown accounts get a stable domain-style SID. */
const SID = /^S-1-\d+(-\d+)+$/i;

const toSid = (name: string): string => {
  if (SID.test(name)) return name.toUpperCase();
  const known = WELL_KNOWN_SIDS[name.toLowerCase()];
  if (known !== undefined) return known;
  const digest = createHash('sha256').update(name.toLowerCase()).digest();
  return `S-1-5-21-${digest.readUInt32BE(0)}-${digest.readUInt32BE(4)}-${digest.readUInt32BE(8)}-${1000 + (digest.readUInt16BE(12) % 9000)}`;
};

const renderAce = (ace: AceOption, inherited: boolean, lookupNames: boolean): JsonObject => {
  const rights =
    ace.advanced_rights ?? Object.fromEntries((RIGHTS[ace.rights ?? 'full_control'] ?? []).map((r) => [r, true]));
  const advanced = Object.fromEntries(Object.entries(rights).filter(([, value]) => value));
  const applyTo = ace.apply_to ?? { files: true, sub_folders: true, this_folder: true };
  return {
    user: lookupNames ? ace.user : (ace.sid ?? toSid(ace.user)),
    access: ace.access ?? 'access_allow',
    ...(ace.rights === undefined ? {} : { rights: ace.rights }),
    apply_to: Object.fromEntries(Object.entries(applyTo).filter(([, value]) => value === true)),
    advanced_rights: advanced,
    inherited: ace.inherited ?? inherited,
    access_control: 'file_directory',
  };
};

export const DEFAULT_NTFS_SECURITY: FileSecurityOption = {
  owner: 'BUILTIN\\Administrators',
  group: 'BUILTIN\\Administrators',
  control_flags: '0x8004',
  acls: [{ user: 'Everyone', access: 'access_allow', rights: 'full_control' }],
};

const securityKey = (svmUuid: string, path: string) => `${svmUuid}\n${path}`;

/**
 * The descriptor for `path`: its own configured ACL; else the ACEs of the nearest configured ancestor
 * that propagate to this kind of object (marked inherited); else the default (Everyone full control).
 */
const descriptorFor = (state: SimState, svmUuid: string, path: string, isDirectory: boolean) => {
  const own = state.fileSecurity.get(securityKey(svmUuid, path));
  if (own !== undefined) return { descriptor: own, inherited: false };
  for (let parent = posix.dirname(path); ; parent = posix.dirname(parent)) {
    const configured = state.fileSecurity.get(securityKey(svmUuid, parent));
    if (configured !== undefined) {
      const acls = configured.acls
        .filter((ace) => {
          const applyTo = ace.apply_to ?? { files: true, sub_folders: true };
          return isDirectory ? applyTo.sub_folders === true : applyTo.files === true;
        })
        .map((ace) => ({ ...ace, apply_to: ace.apply_to ?? { files: true, sub_folders: true, this_folder: true } }));
      return { descriptor: { ...configured, acls }, inherited: true };
    }
    if (parent === '/') break;
  }
  return { descriptor: DEFAULT_NTFS_SECURITY, inherited: true };
};

const textModeBits = (mode: number): string =>
  [6, 3, 0].map((shift) => ['r', 'w', 'x'].map((c, i) => ((mode >> (shift + 2 - i)) & 1 ? c : '-')).join('')).join('');

export const setFileSecurity = (state: SimState, svmUuid: string, path: string, option: FileSecurityOption): void => {
  state.fileSecurity.set(securityKey(svmUuid, posix.normalize(path)), option);
};

/**
 * `GET /protocols/file-security/permissions/{svm.uuid}/{path}`: `path` is ONE segment (the router
 * decodes `%2F`); an unencoded slash makes the path longer than the route and ONTAP-style 404/262179.
 */
export const fileSecurityRoutes = (): Route[] => [
  {
    method: 'GET',
    pattern: '/protocols/file-security/permissions/{svm}/{path}',
    handle: (ctx) =>
      singleReply(
        ctx,
        spec,
        async () => {
          const lookup = ctx.query.get('lookup_names');
          if (lookup !== null && lookup !== 'true' && lookup !== 'false') throw invalidValue(lookup, 'lookup_names');
          const state = ctx.sim.state;
          const svm = state.svm(ctx.params.svm ?? '');
          const path = ctx.params.path ?? '';
          const resolved = state.resolveNamespacePath(svm.uuid, path);
          if (resolved === undefined) {
            throw new OntapRestError(
              400,
              ErrorCodes.pathNotInNamespace,
              `The specified path "${path}" does not exist in the namespace belonging to SVM "${svm.name}".`,
              'path',
            );
          }
          const info = await stat(resolved.fsPath).catch(() => undefined);
          if (info === undefined) {
            throw new OntapRestError(
              404,
              ErrorCodes.fileSecurityPathNotFound,
              `Failed to get security descriptor for path "${path}": No such file or directory.`,
              'path',
            );
          }
          const normalised = posix.normalize(path);
          const style = resolved.volume.securityStyle;
          const { descriptor, inherited } = descriptorFor(state, svm.uuid, normalised, info.isDirectory());
          const lookupNames = lookup !== 'false';
          const owner = descriptor.owner ?? 'BUILTIN\\Administrators';
          const group = descriptor.group ?? 'BUILTIN\\Administrators';
          const mode = info.mode & 0o777;
          return {
            svm: svmLink(svm),
            path: normalised,
            ...(style === 'unix'
              ? {}
              : {
                  owner: lookupNames ? owner : toSid(owner),
                  group: lookupNames ? group : toSid(group),
                  control_flags: descriptor.control_flags ?? '0x8004',
                  acls: descriptor.acls.map((ace) => renderAce(ace, inherited, lookupNames)),
                }),
            inode: info.ino,
            security_style: style,
            effective_style: style === 'mixed' ? 'ntfs' : style,
            dos_attributes: info.isDirectory() ? '10' : '20',
            text_dos_attr: info.isDirectory() ? '----D---' : '---A----',
            user_id: String(info.uid),
            group_id: String(info.gid),
            mode_bits: Number(mode.toString(8)),
            text_mode_bits: textModeBits(mode),
            _links: {
              self: { href: `/api/protocols/file-security/permissions/${svm.uuid}/${encodeURIComponent(normalised)}` },
            },
          };
        },
        ['lookup_names'],
      ),
  },
];
