import { AnalyticsError } from '../errors';
import { defineTable, type TableDefinition } from '../schema/table';
import { type DialectInput, fragmentsOf, timestampLiteral } from '../sql/dialect';
import { DEFAULT_LIMIT, limitClause, type TableRef, tableName } from '../sql/parts';

/**
 * UC1 ACL records, one NDJSON line per object per collection run. `acls[].name` is the resolved account
 * name (NULL, empty or the SID itself when ONTAP could not resolve it); `dacl_protected` = the DACL does not
 * inherit from the parent (SE_DACL_PROTECTED), i.e. inheritance is broken at this object.
 */
export const aclRecordsTable = (options: { prefix: string; name?: string }): TableDefinition =>
  defineTable({
    name: options.name ?? 'acl_records',
    format: 'ndjson',
    location: { prefix: options.prefix },
    columns: [
      { name: 'object_key', type: 'string' },
      { name: 'volume_uuid', type: 'string' },
      { name: 'security_style', type: 'string' },
      { name: 'owner_sid', type: 'string' },
      { name: 'dacl_protected', type: 'boolean' },
      { name: 'acls', type: 'array<struct<sid:string,name:string,type:string,permissions:string,inherited:boolean>>' },
      { name: 'collected_at', type: 'timestamp' },
    ],
  });

const ACE_FIELDS = ['sid', 'name', 'type', 'permissions', 'inherited'] as const;

/** Only each object's most recent record counts: earlier runs describe ACLs that may have been fixed. */
const latestRecords = (table: TableRef) => `WITH latest AS (
  SELECT object_key, volume_uuid, security_style, owner_sid, dacl_protected, acls, collected_at
  FROM (
    SELECT r.*, row_number() OVER (PARTITION BY r.object_key ORDER BY r.collected_at DESC) AS recency
    FROM ${tableName(table)} AS r
  ) AS ranked
  WHERE recency = 1
)`;

/**
 * Principals that stand for (nearly) everybody: Everyone, Authenticated Users, BUILTIN\Users, and the
 * domain-wide groups Domain Users / Guests / Computers (relative IDs 513 / 514 / 515 of any domain).
 */
const BROAD_PRINCIPAL = `CASE
    WHEN a.sid = 'S-1-1-0' THEN 'EVERYONE'
    WHEN a.sid = 'S-1-5-11' THEN 'AUTHENTICATED_USERS'
    WHEN a.sid = 'S-1-5-32-545' THEN 'BUILTIN_USERS'
    WHEN a.sid LIKE 'S-1-5-21-%-513' THEN 'DOMAIN_USERS'
    WHEN a.sid LIKE 'S-1-5-21-%-514' THEN 'DOMAIN_GUESTS'
    WHEN a.sid LIKE 'S-1-5-21-%-515' THEN 'DOMAIN_COMPUTERS'
  END`;

/** UC1: allow entries granting FULL control to a broad principal (see BROAD_PRINCIPAL). */
export const overlyPermissiveAclsSql = (options: {
  table: TableRef;
  dialect: DialectInput;
  limit?: number;
}): string => {
  const sql = fragmentsOf(options.dialect);
  return `${latestRecords(options.table)}
SELECT object_key, principal, sid, name, permissions, collected_at
FROM (
  SELECT l.object_key, a.sid, a.name, a.type, a.permissions, l.collected_at,
    ${BROAD_PRINCIPAL} AS principal
  FROM latest AS l
  ${sql.unnestStructs('l.acls', 'a', ACE_FIELDS)}
) AS aces
WHERE principal IS NOT NULL AND upper(type) LIKE '%ALLOW%' AND upper(permissions) LIKE '%FULL%'
ORDER BY object_key, sid
${limitClause(options.limit ?? DEFAULT_LIMIT)}`;
};

/** UC1: objects whose latest ACL record was collected more than `maxAgeDays` before `now`. */
export const staleAclRecordsSql = (options: {
  table: TableRef;
  now: Date;
  maxAgeDays: number;
  limit?: number;
}): string => {
  if (!(options.maxAgeDays >= 0)) throw new AnalyticsError(`maxAgeDays must be >= 0, got ${options.maxAgeDays}`);
  const cutoff = new Date(options.now.getTime() - options.maxAgeDays * 86_400_000);
  return `${latestRecords(options.table)}
SELECT object_key, collected_at AS last_collected_at
FROM latest
WHERE collected_at < ${timestampLiteral(cutoff)}
ORDER BY collected_at, object_key
${limitClause(options.limit ?? DEFAULT_LIMIT)}`;
};

/** UC1: objects whose DACL is protected, i.e. no longer inherits the parent's permissions. */
export const brokenInheritanceSql = (options: {
  table: TableRef;
  limit?: number;
}): string => `${latestRecords(options.table)}
SELECT object_key, security_style, owner_sid, collected_at
FROM latest
WHERE dacl_protected = true
ORDER BY object_key
${limitClause(options.limit ?? DEFAULT_LIMIT)}`;

/** UC1: ACL entries whose SID did not resolve to an account (deleted users/groups left in the ACL). */
export const orphanedSidsSql = (options: { table: TableRef; dialect: DialectInput; limit?: number }): string => {
  const sql = fragmentsOf(options.dialect);
  return `${latestRecords(options.table)}
SELECT l.object_key, a.sid, a.type, a.permissions
FROM latest AS l
${sql.unnestStructs('l.acls', 'a', ACE_FIELDS)}
WHERE a.name IS NULL OR trim(a.name) = '' OR a.name = a.sid
ORDER BY l.object_key, a.sid
${limitClause(options.limit ?? DEFAULT_LIMIT)}`;
};
