import { describe, expect, it } from 'vitest';
import {
  aclRecordsTable,
  anomaliesBySensorSql,
  anomaliesByWellSql,
  anomalySummarySql,
  brokenInheritanceSql,
  cellCountStatsSql,
  gcOutliersSql,
  iqrOutliersSql,
  layoutMetadataTable,
  lowQualitySamplesSql,
  namingViolationsSql,
  orphanedSidsSql,
  overlyPermissiveAclsSql,
  qcMetricsTable,
  qcSummarySql,
  sensorAnomaliesSql,
  sensorReadingsTable,
  staleAclRecordsSql,
  wellAnomaliesTable,
  writeParquet,
} from '../src';
import { useBucketDir, writeBytes, writeNdjson } from './fixtures';

// Every expected value below is worked out by hand in the comments next to the data.
const bucket = useBucketDir();

describe('UC3 sensorAnomaliesSql on DuckDB', () => {
  const table = sensorReadingsTable({ prefix: 'uc03/parquet/' });
  const reading = (metric: string, value: number | null, i: number) => ({
    sensor_id: `s-${i}`,
    metric_name: metric,
    recorded_at: new Date(Date.UTC(2024, 4, 1, 0, i)),
    value,
    unit: 'u',
    source_key: 'line-1.csv',
  });
  // temperature: nine 0s and one 10 → mean 1, sample var 90/9 = 10, sd √10; 10 is 9/√10 ≈ 2.846 sd away.
  // vibration: 1,2,3,4,100 → mean 22, var 7610/4 = 1902.5, sd ≈ 43.618; 100 is 78/43.618 ≈ 1.788 sd away.
  // pressure: constant → sd 0 (no anomalies); humidity: one reading → sd NULL; a NULL value is ignored.
  const rows = [
    ...Array.from({ length: 9 }, (_, i) => reading('temperature', 0, i)),
    reading('temperature', 10, 9),
    ...[1, 2, 3, 4, 100].map((v, i) => reading('vibration', v, 10 + i)),
    ...[5, 5, 5].map((v, i) => reading('pressure', v, 20 + i)),
    reading('humidity', 40, 30),
    reading('humidity', null, 31),
  ];

  const run = async (k: number) => {
    const root = await bucket.make();
    await writeBytes(root, 'uc03/parquet/part-0.parquet', writeParquet(rows, table.columns));
    return bucket.engine([table], root).query(sensorAnomaliesSql({ table, k }));
  };

  it('flags only the readings beyond k sample standard deviations of their own metric', async () => {
    const result = await run(1.5);

    expect(result.columns).toEqual([
      'sensor_id',
      'metric_name',
      'recorded_at',
      'value',
      'mean_value',
      'stddev_value',
      'deviations',
    ]);
    expect(result.rows.map((r) => [r.metric_name, r.sensor_id, r.value, r.recorded_at])).toEqual([
      ['temperature', 's-9', 10, '2024-05-01 00:09:00.000'],
      ['vibration', 's-14', 100, '2024-05-01 00:14:00.000'],
    ]);
    expect(result.rows[0]?.mean_value).toBeCloseTo(1, 12);
    expect(result.rows[0]?.stddev_value).toBeCloseTo(Math.sqrt(10), 12);
    expect(result.rows[0]?.deviations).toBeCloseTo(9 / Math.sqrt(10), 12);
    expect(result.rows[1]?.mean_value).toBeCloseTo(22, 12);
    expect(result.rows[1]?.stddev_value).toBeCloseTo(Math.sqrt(1902.5), 12);
  });

  it('drops a reading once k exceeds its distance (2.846 sd < 3)', async () => {
    expect((await run(2)).rows.map((r) => r.sensor_id)).toEqual(['s-9']);
    expect((await run(3)).rows).toEqual([]);
  });
});

describe('UC6 layout queries on DuckDB', () => {
  const table = layoutMetadataTable({ prefix: 'uc06/metadata/' });
  // cell_count 10,20,30,40,100 (+ one unparsable): min 10, max 100, avg 40,
  // p95 = quantile_cont: position 4·0.95 = 3.8 → 40 + 0.8·(100 − 40) = 88.
  // bbox_width 10,12,14,16,18,90: Q1 at 5·0.25 = 1.25 → 12.5, Q3 at 3.75 → 17.5, IQR 5, fences 5 / 25 → 90 HIGH.
  // bbox_height 5,5,5,5,-20,5: Q1 = Q3 = 5, fences 5 / 5 → only -20 (LOW); the 5s sit on the fence.
  const files = [
    { file_key: 'a.gds', library_name: 'TOP_CELL', cell_count: 10, bbox_width: 10, bbox_height: 5 },
    { file_key: 'b.gds', library_name: 'chip-v2', cell_count: 20, bbox_width: 12, bbox_height: 5 },
    { file_key: 'c.gds', library_name: 'lib.main/x', cell_count: 30, bbox_width: 14, bbox_height: 5 },
    { file_key: 'd.oas', library_name: 'bad name', cell_count: 40, bbox_width: 16, bbox_height: 5 },
    { file_key: 'e.oas', library_name: 'ok_1', cell_count: 100, bbox_width: 18, bbox_height: -20 },
    { file_key: 'f.gds', library_name: null, cell_count: null, bbox_width: 90, bbox_height: 5 },
  ];
  const engine = async () => {
    const root = await bucket.make();
    await writeNdjson(root, 'uc06/metadata/2024/05/01/run.jsonl', files);
    return bucket.engine([table], root);
  };

  it('computes file counts and min/max/avg/p95 of cell_count', async () => {
    const result = await (await engine()).query(cellCountStatsSql({ table, dialect: 'duckdb' }));

    expect(result.rows).toEqual([
      { files: 6, parsed_files: 5, invalid_files: 1, min_cells: 10, max_cells: 100, avg_cells: 40, p95_cells: 88 },
    ]);
  });

  it('flags values outside the Tukey fences of each column with the quartiles that flagged them', async () => {
    const sql = iqrOutliersSql({
      table,
      dialect: 'duckdb',
      idColumn: 'file_key',
      valueColumns: ['bbox_width', 'bbox_height'],
    });

    const result = await (await engine()).query(sql);

    expect(result.rows).toEqual([
      {
        id: 'e.oas',
        metric: 'bbox_height',
        value: -20,
        q1: 5,
        q3: 5,
        lower_fence: 5,
        upper_fence: 5,
        direction: 'LOW',
      },
      {
        id: 'f.gds',
        metric: 'bbox_width',
        value: 90,
        q1: 12.5,
        q3: 17.5,
        lower_fence: 5,
        upper_fence: 25,
        direction: 'HIGH',
      },
    ]);
  });

  it('lists library names with characters outside [A-Za-z0-9_./]', async () => {
    const result = await (await engine()).query(namingViolationsSql({ table, dialect: 'duckdb' }));

    expect(result.rows).toEqual([
      { file_key: 'b.gds', library_name: 'chip-v2' },
      { file_key: 'd.oas', library_name: 'bad name' },
    ]);
  });
});

describe('UC7 QC queries on DuckDB', () => {
  const table = qcMetricsTable({ prefix: 'uc07/qc/' });
  // quality 35, 18.5, 30, 19.9, 20 → avg 123.4/5 = 24.68; GC 45, 25, 72.5, 30, 70 → avg 242.5/5 = 48.5.
  // GC outliers (<30 or >70): 25 and 72.5 only; 30 and 70 are inside. Quality < 20: 18.5 and 19.9.
  const samples = [
    { sample_id: 's1', file_key: 's1.fastq', average_quality_score: 35, gc_content_percentage: 45 },
    { sample_id: 's2', file_key: 's2.fastq', average_quality_score: 18.5, gc_content_percentage: 25 },
    { sample_id: 's3', file_key: 's3.fastq', average_quality_score: 30, gc_content_percentage: 72.5 },
    { sample_id: 's4', file_key: 's4.fastq', average_quality_score: 19.9, gc_content_percentage: 30 },
    { sample_id: 's5', file_key: 's5.fastq', average_quality_score: 20, gc_content_percentage: 70 },
  ];
  const engine = async () => {
    const root = await bucket.make();
    await writeNdjson(root, 'uc07/qc/a.json', samples.slice(0, 2));
    await writeNdjson(root, 'uc07/qc/b.json', samples.slice(2));
    return bucket.engine([table], root);
  };

  it('summarises count, avg/min/max quality, avg GC and GC outliers', async () => {
    const [row] = (await (await engine()).query(qcSummarySql({ table }))).rows;

    expect(row).toMatchObject({ samples: 5, min_quality: 18.5, max_quality: 35, gc_outliers: 2 });
    expect(row?.avg_quality).toBeCloseTo(24.68, 12);
    expect(row?.avg_gc_percentage).toBeCloseTo(48.5, 12);
  });

  it('lists GC outliers strictly below 30 % or above 70 %', async () => {
    const result = await (await engine()).query(gcOutliersSql({ table }));

    expect(result.rows).toEqual([
      { sample_id: 's2', file_key: 's2.fastq', gc_content_percentage: 25, direction: 'LOW' },
      { sample_id: 's3', file_key: 's3.fastq', gc_content_percentage: 72.5, direction: 'HIGH' },
    ]);
  });

  it('lists samples below the quality threshold, and honours custom GC bounds', async () => {
    const e = await engine();
    const low = await e.query(lowQualitySamplesSql({ table, minQuality: 20 }));
    const narrow = await e.query(qcSummarySql({ table, lowPct: 40, highPct: 60 }));

    expect(low.rows.map((r) => [r.sample_id, r.average_quality_score])).toEqual([
      ['s2', 18.5],
      ['s4', 19.9],
    ]);
    // 45 is the only GC inside [40, 60].
    expect(narrow.rows[0]?.gc_outliers).toBe(4);
  });
});

describe('UC8 anomaly queries on DuckDB', () => {
  const table = wellAnomaliesTable({ prefix: 'uc08/anomalies/' });
  const anomaly = (well_id: string, sensor: string, std_deviations: number) => ({
    well_id,
    file_key: `${well_id}.las`,
    sensor,
    depth: 1000,
    value: 1,
    threshold: 0.5,
    std_deviations,
  });
  // w1: GR 3.5, GR 4.5, RHOB 3.2 → 3 anomalies, 2 sensors, avg 11.2/3, max 4.5; w2: GR 6; w3: NPHI 3.1, 3.3.
  // GR: 3 anomalies in 2 wells, avg 14/3, max 6; NPHI: 2 in 1, avg 3.2; RHOB: 1 in 1.
  const rows = [
    anomaly('w1', 'GR', 3.5),
    anomaly('w1', 'GR', 4.5),
    anomaly('w1', 'RHOB', 3.2),
    anomaly('w2', 'GR', 6),
    anomaly('w3', 'NPHI', 3.1),
    anomaly('w3', 'NPHI', 3.3),
  ];
  const engine = async (data = rows) => {
    const root = await bucket.make();
    if (data.length > 0) await writeNdjson(root, 'uc08/anomalies/run.jsonl', data);
    return bucket.engine([table], root);
  };

  it('aggregates anomalies by well, most anomalies first', async () => {
    const result = await (await engine()).query(anomaliesByWellSql({ table }));

    expect(result.rows.map((r) => [r.well_id, r.anomalies, r.sensors, r.max_std_deviations])).toEqual([
      ['w1', 3, 2, 4.5],
      ['w3', 2, 1, 3.3],
      ['w2', 1, 1, 6],
    ]);
    expect(result.rows[0]?.avg_std_deviations).toBeCloseTo(11.2 / 3, 12);
    expect(result.rows[1]?.avg_std_deviations).toBeCloseTo(3.2, 12);
  });

  it('aggregates anomalies by sensor', async () => {
    const result = await (await engine()).query(anomaliesBySensorSql({ table }));

    expect(result.rows.map((r) => [r.sensor, r.anomalies, r.wells, r.max_std_deviations])).toEqual([
      ['GR', 3, 2, 6],
      ['NPHI', 2, 1, 3.3],
      ['RHOB', 1, 1, 3.2],
    ]);
    expect(result.rows[0]?.avg_std_deviations).toBeCloseTo(14 / 3, 12);
  });

  it('summarises wells and totals, with NULL averages rather than a division error when empty', async () => {
    const full = await (await engine()).query(anomalySummarySql({ table }));
    const empty = await (await engine([])).query(anomalySummarySql({ table }));

    expect(full.rows).toEqual([
      { wells_with_anomalies: 3, total_anomalies: 6, avg_anomalies_per_well: 2, max_std_deviations: 6 },
    ]);
    expect(empty.rows).toEqual([
      { wells_with_anomalies: 0, total_anomalies: 0, avg_anomalies_per_well: null, max_std_deviations: null },
    ]);
  });
});

describe('UC1 ACL findings on DuckDB', () => {
  const table = aclRecordsTable({ prefix: 'uc01/acl-data/' });
  const ace = (sid: string, name: string | null, type: string, permissions: string, inherited = false) => ({
    sid,
    name,
    type,
    permissions,
    inherited,
  });
  const record = (object_key: string, collected_at: string, acls: object[] | null, dacl_protected = false) => ({
    object_key,
    volume_uuid: 'vol-1',
    security_style: object_key.startsWith('nfs/') ? 'unix' : 'ntfs',
    owner_sid: 'S-1-5-32-544',
    dacl_protected,
    acls,
    collected_at,
  });
  const records = [
    // a.pdf: the old record granted Everyone FULL; only the latest record (Authenticated Users FULL) counts.
    record('docs/a.pdf', '2024-01-01 00:00:00.000', [ace('S-1-1-0', 'Everyone', 'ALLOW', 'FULL_CONTROL')]),
    record('docs/a.pdf', '2024-06-01 00:00:00.000', [
      ace('S-1-5-21-100-200-300-1105', 'CORP\\alice', 'ALLOW', 'FULL_CONTROL'),
      ace('S-1-5-11', 'Authenticated Users', 'access_allow', 'full_control', true),
    ]),
    // b.xlsx: stale (before the 2024-04-01 cutoff), protected DACL, Everyone + Domain Users FULL, two orphans.
    record(
      'docs/b.xlsx',
      '2024-03-15 12:00:00.000',
      [
        ace('S-1-1-0', 'Everyone', 'ALLOWED', 'FULL'),
        ace('S-1-5-21-100-200-300-513', 'CORP\\Domain Users', 'ALLOW', 'FULL_CONTROL'),
        ace('S-1-5-21-100-200-300-9999', null, 'ALLOW', 'READ'),
        ace('S-1-5-21-100-200-300-8888', 'S-1-5-21-100-200-300-8888', 'DENY', 'FULL_CONTROL'),
      ],
      true,
    ),
    // c.docx: collected exactly at the cutoff (not stale); Everyone is DENY, BUILTIN\Users only READ,
    // RID 1513 is not Domain Users (513); Domain Computers FULL is a finding; an empty name is an orphan.
    record('docs/c.docx', '2024-04-01 00:00:00.000', [
      ace('S-1-1-0', 'Everyone', 'DENY', 'FULL_CONTROL'),
      ace('S-1-5-32-545', 'BUILTIN\\Users', 'ALLOW', 'READ'),
      ace('S-1-5-21-1-2-3-515', 'CORP\\Domain Computers', 'ALLOW', 'FULL_CONTROL'),
      ace('S-1-5-21-1-2-3-1513', 'CORP\\team1513', 'ALLOW', 'FULL_CONTROL'),
      ace('S-1-5-21-1-2-3-4000', '', 'ALLOW', 'READ'),
    ]),
    record('nfs/d.txt', '2024-06-29 00:00:00.000', []),
    record('docs/e.txt', '2023-12-31 23:59:59.999', null),
  ];
  const now = new Date('2024-06-30T00:00:00Z'); // 90 days earlier is 2024-04-01T00:00:00Z
  const engine = async () => {
    const root = await bucket.make();
    await writeNdjson(root, 'uc01/acl-data/2024/01/01/run-1.jsonl', records.slice(0, 1));
    await writeNdjson(root, 'uc01/acl-data/2024/06/30/run-2.jsonl', records.slice(1));
    return bucket.engine([table], root);
  };

  it('finds FULL control granted to Everyone, Authenticated Users and domain-wide groups on the latest record', async () => {
    const result = await (await engine()).query(overlyPermissiveAclsSql({ table, dialect: 'duckdb' }));

    expect(result.rows.map((r) => [r.object_key, r.principal, r.sid])).toEqual([
      ['docs/a.pdf', 'AUTHENTICATED_USERS', 'S-1-5-11'],
      ['docs/b.xlsx', 'EVERYONE', 'S-1-1-0'],
      ['docs/b.xlsx', 'DOMAIN_USERS', 'S-1-5-21-100-200-300-513'],
      ['docs/c.docx', 'DOMAIN_COMPUTERS', 'S-1-5-21-1-2-3-515'],
    ]);
    expect(result.rows[0]).toMatchObject({
      name: 'Authenticated Users',
      permissions: 'full_control',
      collected_at: '2024-06-01 00:00:00.000',
    });
  });

  it('finds objects whose latest record is older than N days before the given now', async () => {
    const result = await (await engine()).query(staleAclRecordsSql({ table, now, maxAgeDays: 90 }));

    expect(result.rows).toEqual([
      { object_key: 'docs/e.txt', last_collected_at: '2023-12-31 23:59:59.999' },
      { object_key: 'docs/b.xlsx', last_collected_at: '2024-03-15 12:00:00.000' },
    ]);
  });

  it('finds objects with broken inheritance', async () => {
    const result = await (await engine()).query(brokenInheritanceSql({ table }));

    expect(result.rows).toEqual([
      {
        object_key: 'docs/b.xlsx',
        security_style: 'ntfs',
        owner_sid: 'S-1-5-32-544',
        collected_at: '2024-03-15 12:00:00.000',
      },
    ]);
  });

  it('finds SIDs that did not resolve to a name (NULL, empty, or the SID itself)', async () => {
    const result = await (await engine()).query(orphanedSidsSql({ table, dialect: 'duckdb' }));

    expect(result.rows).toEqual([
      { object_key: 'docs/b.xlsx', sid: 'S-1-5-21-100-200-300-8888', type: 'DENY', permissions: 'FULL_CONTROL' },
      { object_key: 'docs/b.xlsx', sid: 'S-1-5-21-100-200-300-9999', type: 'ALLOW', permissions: 'READ' },
      { object_key: 'docs/c.docx', sid: 'S-1-5-21-1-2-3-4000', type: 'ALLOW', permissions: 'READ' },
    ]);
  });
});
