import type { SqlRow, SqlValue } from '@fsxn/analytics';
import { AclFormatError } from './errors';

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type FindingKind = 'OVERLY_PERMISSIVE' | 'BROKEN_INHERITANCE' | 'ORPHANED_SID' | 'STALE_RECORD';

export interface Finding {
  readonly kind: FindingKind;
  readonly severity: Severity;
  readonly objectKey: string;
  /** For ACE findings: the SID and, for broad principals, which one (EVERYONE, DOMAIN_USERS…). */
  readonly sid?: string;
  readonly principal?: string;
  readonly detail: string;
}

/**
 * Severity of a FULL-control grant by principal: Everyone and Authenticated Users reach anyone who can
 * log on (CRITICAL); domain-wide groups and BUILTIN\Users reach every member of the domain (HIGH).
 */
const PERMISSIVE_SEVERITY: Readonly<Record<string, Severity>> = {
  EVERYONE: 'CRITICAL',
  AUTHENTICATED_USERS: 'CRITICAL',
  BUILTIN_USERS: 'HIGH',
  DOMAIN_USERS: 'HIGH',
  DOMAIN_GUESTS: 'HIGH',
  DOMAIN_COMPUTERS: 'HIGH',
};

const text = (row: SqlRow, column: string): string => {
  const value: SqlValue | undefined = row[column];
  if (typeof value !== 'string' || value === '') {
    throw new AclFormatError(`query row has no text column ${column}: ${JSON.stringify(row).slice(0, 200)}`);
  }
  return value;
};

export const overlyPermissiveFindings = (rows: readonly SqlRow[]): Finding[] =>
  rows.map((row) => {
    const principal = text(row, 'principal');
    const severity = PERMISSIVE_SEVERITY[principal];
    if (severity === undefined) throw new AclFormatError(`unknown broad principal ${principal}`);
    const sid = text(row, 'sid');
    const name = typeof row.name === 'string' && row.name !== '' ? row.name : sid;
    return {
      kind: 'OVERLY_PERMISSIVE',
      severity,
      objectKey: text(row, 'object_key'),
      sid,
      principal,
      detail: `${name} (${sid}) has ${text(row, 'permissions')}`,
    };
  });

export const brokenInheritanceFindings = (rows: readonly SqlRow[]): Finding[] =>
  rows.map((row) => ({
    kind: 'BROKEN_INHERITANCE',
    severity: 'MEDIUM',
    objectKey: text(row, 'object_key'),
    detail: 'DACL is protected: permissions no longer follow the parent folder',
  }));

export const orphanedSidFindings = (rows: readonly SqlRow[]): Finding[] =>
  rows.map((row) => {
    const sid = text(row, 'sid');
    return {
      kind: 'ORPHANED_SID',
      severity: 'MEDIUM',
      objectKey: text(row, 'object_key'),
      sid,
      detail: `${sid} does not resolve to an account but holds ${text(row, 'type')} ${text(row, 'permissions')}`,
    };
  });

export const staleRecordFindings = (rows: readonly SqlRow[], maxAgeDays: number): Finding[] =>
  rows.map((row) => ({
    kind: 'STALE_RECORD',
    severity: 'LOW',
    objectKey: text(row, 'object_key'),
    detail: `ACL last collected ${text(row, 'last_collected_at')} (more than ${maxAgeDays} days ago; file gone or out of scope)`,
  }));

export type SeverityCounts = Record<Severity, number>;

export const countBySeverity = (findings: readonly Finding[]): SeverityCounts => {
  const counts: SeverityCounts = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
};

export const countByKind = (findings: readonly Finding[]): Record<FindingKind, number> => {
  const counts: Record<FindingKind, number> = {
    OVERLY_PERMISSIVE: 0,
    BROKEN_INHERITANCE: 0,
    ORPHANED_SID: 0,
    STALE_RECORD: 0,
  };
  for (const f of findings) counts[f.kind] += 1;
  return counts;
};

const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

const RANK: Readonly<Record<Severity, number>> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };

/** Most severe first, then by object and SID, so reports and finding files are stable across runs. */
export const sortFindings = (findings: readonly Finding[]): Finding[] =>
  [...findings].sort(
    (a, b) =>
      RANK[a.severity] - RANK[b.severity] ||
      compare(a.objectKey, b.objectKey) ||
      compare(a.kind, b.kind) ||
      compare(a.sid ?? '', b.sid ?? ''),
  );
