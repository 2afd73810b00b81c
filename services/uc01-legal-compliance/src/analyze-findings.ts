import {
  brokenInheritanceSql,
  orphanedSidsSql,
  overlyPermissiveAclsSql,
  type SqlEngine,
  staleAclRecordsSql,
  type TableDefinition,
} from '@fsxn/analytics';
import {
  brokenInheritanceFindings,
  type Finding,
  orphanedSidFindings,
  overlyPermissiveFindings,
  sortFindings,
  staleRecordFindings,
} from './domain';

export interface AnalyzeOptions {
  readonly table: TableDefinition;
  readonly now: Date;
  /** A record not refreshed for this long is stale (the reference used 90 days). */
  readonly staleAfterDays: number;
  /** Row cap per query. */
  readonly limit: number;
}

/**
 * The four finding queries of @fsxn/analytics, on Athena in AWS and on DuckDB locally (the same SQL text
 * apart from the dialect fragments), over each object's latest ACL record.
 */
export const analyzeFindings = async (engine: SqlEngine, options: AnalyzeOptions): Promise<Finding[]> => {
  const { table, limit } = options;
  const dialect = engine.dialect;
  const permissive = await engine.query(overlyPermissiveAclsSql({ table, dialect, limit }));
  const inheritance = await engine.query(brokenInheritanceSql({ table, limit }));
  const orphaned = await engine.query(orphanedSidsSql({ table, dialect, limit }));
  const stale = await engine.query(
    staleAclRecordsSql({ table, now: options.now, maxAgeDays: options.staleAfterDays, limit }),
  );
  return sortFindings([
    ...overlyPermissiveFindings(permissive.rows),
    ...brokenInheritanceFindings(inheritance.rows),
    ...orphanedSidFindings(orphaned.rows),
    ...staleRecordFindings(stale.rows, options.staleAfterDays),
  ]);
};
