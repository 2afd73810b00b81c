import { z } from 'zod';
import { ROLES, type Role } from '../model';
import { RoleMapError } from './errors';
import { type CallerIdentity, matchKeys, principalKey } from './identity';

/** Normalised principal key (see `principalKey`) → the review roles it holds. */
export type RoleMap = ReadonlyMap<string, readonly Role[]>;

const rolesSchema = z.union([z.enum(ROLES), z.array(z.enum(ROLES)).min(1)]);
const roleMapSchema = z.record(z.string(), rolesSchema);

/**
 * Parses the review role map, a JSON object from IAM user, role or assumed-role session ARNs to a role or
 * a list of roles, e.g. `{"arn:aws:iam::123456789012:role/Reviewers": ["reviewer"]}`. Anything unusable
 * (missing, not JSON, an unknown role, a key that is no such ARN, two keys naming one principal, no
 * entries) throws `RoleMapError` naming the problem, so a misconfigured function fails at cold start.
 */
export const parseRoleMap = (json: string | undefined): RoleMap => {
  if (json === undefined || json.trim() === '') {
    throw new RoleMapError('the review role map is missing; pass a JSON object of IAM principal ARN → roles');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new RoleMapError('the review role map is not valid JSON', { cause: error });
  }
  const parsed = roleMapSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
    throw new RoleMapError(
      `the review role map is invalid (${issues.join('; ')}); roles are ${ROLES.join(', ')}, given as one role or a list`,
    );
  }
  const map = new Map<string, readonly Role[]>();
  for (const [arn, roles] of Object.entries(parsed.data)) {
    const key = principalKey(arn);
    if (key === undefined) {
      throw new RoleMapError(
        `the review role map key "${arn}" is not an IAM user, role or assumed-role session ARN (wildcards are not supported)`,
      );
    }
    if (map.has(key)) throw new RoleMapError(`the review role map names ${key} more than once (IAM paths are ignored)`);
    map.set(key, [...new Set(typeof roles === 'string' ? [roles] : roles)]);
  }
  if (map.size === 0) throw new RoleMapError('the review role map has no entries, so nobody could use the review API');
  return map;
};

/** Every role a caller holds: those of its user or role plus, for a session, those of the session itself. */
export const rolesOf = (map: RoleMap, caller: CallerIdentity): Role[] => {
  const roles = new Set<Role>();
  for (const key of matchKeys(caller)) for (const role of map.get(key) ?? []) roles.add(role);
  return ROLES.filter((role) => roles.has(role));
};
