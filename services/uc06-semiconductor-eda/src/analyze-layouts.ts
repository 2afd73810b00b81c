import {
  cellCountStatsSql,
  iqrOutliersSql,
  namingViolationsSql,
  type SqlEngine,
  type SqlRow,
  type TableDefinition,
} from '@fsxn/analytics';

/** Numeric columns checked for outliers, each against its own quartiles. */
export const OUTLIER_COLUMNS = ['bbox_width', 'bbox_height', 'cell_count'] as const;
/** Findings kept in the state machine payload (256 KB limit); the full lists are in the analysis file. */
export const MAX_FINDINGS_IN_PAYLOAD = 50;

export interface LayoutAnalysis {
  engine: 'athena' | 'duckdb';
  /** Wall time of each query, for the "Athena < 10 s" success metric. */
  queryMs: { cellCountStats: number; outliers: number; namingViolations: number };
  cellCountStats: SqlRow;
  outliers: { id: string; metric: string; value: number; q1: number; q3: number; direction: string }[];
  libraryNamingViolations: { file_key: string; library_name: string }[];
}

const num = (v: SqlRow[string] | undefined) => (typeof v === 'number' ? v : Number(v ?? Number.NaN));
const str = (v: SqlRow[string] | undefined) => (v === null || v === undefined ? '' : String(v));

/**
 * The reference's DrcAggregation, on whichever engine the deployment uses: cell-count statistics, Tukey
 * outliers on box width/height and cell count, and library names that break the naming rule.
 */
export const analyzeLayouts = async (
  engine: SqlEngine,
  table: TableDefinition,
  options: { multiplier: number; clock?: () => number },
): Promise<LayoutAnalysis> => {
  const clock = options.clock ?? (() => performance.now());
  const timed = async (sql: string) => {
    const started = clock();
    const result = await engine.query(sql);
    return { rows: result.rows, ms: Math.round(clock() - started) };
  };
  const dialect = engine.dialect;
  const stats = await timed(cellCountStatsSql({ table, dialect }));
  const outliers = await timed(
    iqrOutliersSql({
      table,
      dialect,
      idColumn: 'file_key',
      valueColumns: OUTLIER_COLUMNS,
      multiplier: options.multiplier,
    }),
  );
  const naming = await timed(namingViolationsSql({ table, dialect }));
  return {
    engine: dialect,
    queryMs: { cellCountStats: stats.ms, outliers: outliers.ms, namingViolations: naming.ms },
    cellCountStats: stats.rows[0] ?? {},
    outliers: outliers.rows.map((r) => ({
      id: str(r.id),
      metric: str(r.metric),
      value: num(r.value),
      q1: num(r.q1),
      q3: num(r.q3),
      direction: str(r.direction),
    })),
    libraryNamingViolations: naming.rows.map((r) => ({ file_key: str(r.file_key), library_name: str(r.library_name) })),
  };
};
