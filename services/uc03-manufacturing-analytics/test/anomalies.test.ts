import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createDuckDbEngine, writeParquet } from '@fsxn/analytics';
import { makeTempDir } from '@fsxn/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSensorRows, type SensorRow } from '../samples/sensor-csv';
import { findAnomalies } from '../src/domain';
import { parquetPartKey } from '../src/outputs';
import { querySensorAnomalies, sensorTable } from '../src/sensor-anomalies';
import { SENSOR_COLUMNS } from '../src/transform-csv';

describe('findAnomalies (domain)', () => {
  it('flags the one reading beyond 3 sample standard deviations (checked by hand)', () => {
    // 19 × 0 and one 20: mean 1, sample variance (19·1² + 19²)/19 = 20, σ = √20 ≈ 4.472, 3σ ≈ 13.42 < |20 − 1|.
    const readings = [
      ...Array.from({ length: 19 }, () => ({ metricName: 'm', value: 0 })),
      { metricName: 'm', value: 20 },
    ];
    const [m] = findAnomalies(readings, 3);
    expect(m?.mean).toBe(1);
    expect(m?.stddev).toBeCloseTo(Math.sqrt(20), 12);
    expect(m?.anomalies).toEqual([19]);
  });

  it('cannot flag a single outlier among 10 readings at k = 3 (its z is at most 9/√10 ≈ 2.85)', () => {
    // 9 × 10 and one 50: mean 14, variance (9·16 + 36²)/9 = 160, σ ≈ 12.65, |50 − 14| = 36 < 37.95; at k = 2 it is.
    const readings = [
      ...Array.from({ length: 9 }, () => ({ metricName: 'm', value: 10 })),
      { metricName: 'm', value: 50 },
    ];
    expect(findAnomalies(readings, 3)[0]?.anomalies).toEqual([]);
    expect(findAnomalies(readings, 2)[0]?.anomalies).toEqual([9]);
  });

  it('has no anomalies for a metric with one reading or no spread', () => {
    const result = findAnomalies([
      { metricName: 'single', value: 5 },
      { metricName: 'flat', value: 2 },
      { metricName: 'flat', value: 2 },
    ]);
    expect(result.map((m) => [m.metricName, m.stddev, m.anomalyCount])).toEqual([
      ['flat', 0, 0],
      ['single', null, 0],
    ]);
  });

  it('never flags more than (n − 1)/k² readings of a metric (Chebyshev for the sample σ)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 60 }),
        (values) => {
          const [m] = findAnomalies(
            values.map((value) => ({ metricName: 'm', value })),
            3,
          );
          expect(m?.anomalyCount ?? 0).toBeLessThanOrEqual((values.length - 1) / 9);
        },
      ),
    );
  });
});

describe('domain and SQL agree on the Parquet outputs', () => {
  const engines: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const engine of engines) await engine.close();
  });

  it('finds the same anomalies as sensorAnomaliesSql on DuckDB over two Parquet files', async () => {
    const a = generateSensorRows({ seed: 101, sensors: 5, readingsPerSensor: 60, outliers: 6, outlierSigmas: 9 });
    const b = generateSensorRows({ seed: 202, sensors: 3, readingsPerSensor: 40, outliers: 2, outlierSigmas: 5 });
    const files: [string, SensorRow[]][] = [
      ['plant/a.csv', a.rows],
      ['plant/b.csv', b.rows],
    ];
    const root = await makeTempDir('uc03-sql-');
    const prefix = 'out/';
    for (const [key, rows] of files) {
      const path = join(root, prefix, parquetPartKey(key, 0));
      await mkdir(join(root, prefix, 'parquet'), { recursive: true });
      const parquetRows = rows.map((r) => ({
        sensor_id: r.sensorId,
        metric_name: r.metricName,
        recorded_at: new Date(r.timestamp),
        value: r.value,
        unit: r.unit,
        source_key: key,
      }));
      await writeFile(path, writeParquet(parquetRows, SENSOR_COLUMNS));
    }
    const all = [...a.rows, ...b.rows];
    const label = (r: SensorRow | undefined) =>
      `${r?.sensorId} ${r?.metricName} ${r?.timestamp.slice(0, 19).replace('T', ' ')} ${r?.value}`;
    const domain = findAnomalies(all, 3)
      .flatMap((m) => m.anomalies)
      .map((i) => label(all[i]))
      .sort();
    const injected = [...a.outlierIndices.map((i) => a.rows[i]), ...b.outlierIndices.map((i) => b.rows[i])].map(label);

    const table = sensorTable(prefix);
    const engine = createDuckDbEngine({ tables: [table], rootDir: root });
    engines.push(engine);
    const sql = (await querySensorAnomalies(engine, { table, k: 3, limit: 1000 }))
      .map((r) => `${r.sensorId} ${r.metricName} ${r.recordedAt.slice(0, 19)} ${r.value}`)
      .sort();

    // The 6 + 2 injected outliers (9 and 5 sigma) are among them.
    expect(injected).toHaveLength(8);
    for (const outlier of injected) expect(domain).toContain(outlier);
    expect(sql).toEqual(domain);
  });
});
