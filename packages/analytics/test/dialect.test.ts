import { describe, expect, it } from 'vitest';
import {
  aclRecordsTable,
  anomaliesBySensorSql,
  anomaliesByWellSql,
  anomalySummarySql,
  brokenInheritanceSql,
  cellCountStatsSql,
  type DialectFragments,
  type DialectInput,
  gcOutliersSql,
  iqrOutliersSql,
  lowQualitySamplesSql,
  namingViolationsSql,
  orphanedSidsSql,
  overlyPermissiveAclsSql,
  qcSummarySql,
  sensorAnomaliesSql,
  sqlFor,
  staleAclRecordsSql,
  timestampLiteral,
} from '../src';

type Render = (fragments: DialectFragments) => string;

/** Fragments that return numbered markers and remember how to render each marker for a real dialect. */
const recordingFragments = () => {
  const renders: Render[] = [];
  const mark = (render: Render) => {
    renders.push(render);
    return `⟦${renders.length - 1}⟧`;
  };
  const fragments: DialectFragments = {
    percentile: (e, p) => mark((f) => f.percentile(e, p)),
    unnestStructs: (a, alias, fields) => mark((f) => f.unnestStructs(a, alias, fields)),
    regexpLike: (e, p) => mark((f) => f.regexpLike(e, p)),
  };
  return { fragments, renders };
};

const table = aclRecordsTable({ prefix: 'acl/' });
const now = new Date('2024-06-30T00:00:00Z');
const QUERIES: Record<string, (dialect: DialectInput) => string> = {
  sensorAnomalies: () => sensorAnomaliesSql({ table: 'sensor_readings', k: 3 }),
  cellCountStats: (dialect) => cellCountStatsSql({ table: 'layout_metadata', dialect }),
  iqrOutliers: (dialect) =>
    iqrOutliersSql({
      table: 'layout_metadata',
      dialect,
      idColumn: 'file_key',
      valueColumns: ['bbox_width', 'bbox_height'],
    }),
  namingViolations: (dialect) => namingViolationsSql({ table: 'layout_metadata', dialect }),
  qcSummary: () => qcSummarySql({ table: 'qc_metrics' }),
  gcOutliers: () => gcOutliersSql({ table: 'qc_metrics' }),
  lowQuality: () => lowQualitySamplesSql({ table: 'qc_metrics' }),
  byWell: () => anomaliesByWellSql({ table: 'well_anomalies' }),
  bySensor: () => anomaliesBySensorSql({ table: 'well_anomalies' }),
  anomalySummary: () => anomalySummarySql({ table: 'well_anomalies' }),
  overlyPermissive: (dialect) => overlyPermissiveAclsSql({ table, dialect }),
  stale: () => staleAclRecordsSql({ table, now, maxAgeDays: 90 }),
  brokenInheritance: () => brokenInheritanceSql({ table }),
  orphanedSids: (dialect) => orphanedSidsSql({ table, dialect }),
};

/** Function names that exist in only one of the engines; they may appear only inside dialect fragments. */
const ENGINE_SPECIFIC =
  /approx_percentile|quantile|unnest|regexp_|lateral|now\(\)|current_timestamp|date_diff|datediff|::/i;

describe('one query text for both engines', () => {
  for (const [name, build] of Object.entries(QUERIES)) {
    it(`${name}: Athena and DuckDB texts differ only in dialect fragments`, () => {
      const { fragments, renders } = recordingFragments();
      const template = build(fragments);
      const fill = (dialect: 'athena' | 'duckdb') =>
        template.replace(/⟦(\d+)⟧/g, (_, i: string) => {
          const render = renders[Number(i)];
          if (!render) throw new Error(`unknown marker ${i}`);
          return render(sqlFor(dialect));
        });

      expect(build('athena')).toBe(fill('athena'));
      expect(build('duckdb')).toBe(fill('duckdb'));
      expect(template.replace(/⟦\d+⟧/g, '')).not.toMatch(ENGINE_SPECIFIC);
    });
  }

  it('renders the fragments per engine', () => {
    const athena = sqlFor('athena');
    const duckdb = sqlFor('duckdb');

    expect(athena.percentile('CAST(x AS DOUBLE)', 0.95)).toBe('approx_percentile(CAST(x AS DOUBLE), 0.95)');
    expect(duckdb.percentile('CAST(x AS DOUBLE)', 0.95)).toBe('quantile_cont(CAST(x AS DOUBLE), 0.95)');
    expect(athena.unnestStructs('l.acls', 'a', ['sid', 'name'])).toBe('CROSS JOIN UNNEST(l.acls) AS a (sid, name)');
    expect(duckdb.unnestStructs('l.acls', 'a', ['sid', 'name'])).toBe(
      'CROSS JOIN LATERAL (SELECT UNNEST(l.acls, max_depth := 2)) AS a (sid, name)',
    );
    expect(athena.regexpLike('n', "[^a']")).toBe("regexp_like(n, '[^a'']')");
    expect(duckdb.regexpLike('n', "[^a']")).toBe("regexp_matches(n, '[^a'']')");
    expect(() => athena.percentile('x', 1.5)).toThrow(/between 0 and 1/);
  });

  it('writes "now" as a UTC millisecond timestamp literal', () => {
    expect(timestampLiteral(new Date('2024-02-29T23:59:59.007Z'))).toBe("TIMESTAMP '2024-02-29 23:59:59.007'");
    expect(staleAclRecordsSql({ table, now, maxAgeDays: 90 })).toContain(
      "collected_at < TIMESTAMP '2024-04-01 00:00:00.000'",
    );
  });
});
