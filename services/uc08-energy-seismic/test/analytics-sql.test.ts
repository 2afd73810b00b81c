import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createDuckDbEngine } from '@fsxn/analytics';
import { makeTempDir } from '@fsxn/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { writeLas } from '../samples';
import { storedAnomaliesSql, uc08Tables, wellCurveAnomaliesSql } from '../src/analytics-tables';
import { analyzeWellLog, toNdjson } from '../src/analyze-well-log';
import { compareAnomalies } from '../src/anomaly-agreement';
import { wellAnomaliesKey, wellReadingsKey } from '../src/outputs';

const PREFIX = 'out/';
const handCsv = [
  'DEPT,GR,RHOB',
  ...Array.from({ length: 13 }, (_, i) => `${i + 1},${i === 12 ? 40 : 10},${2 + (i % 3) / 10}`),
  '14,-999.25,2.1',
].join('\n');

describe('the anomaly rule in SQL (DuckDB) and in the domain', () => {
  const engine = { current: undefined as ReturnType<typeof createDuckDbEngine> | undefined };
  afterAll(async () => {
    await engine.current?.close();
  });

  it('agree on the hand-checked case and on a generated log with a spike', async () => {
    const root = await makeTempDir('uc08-sql-');
    const files = {
      'wells/hand.csv': handCsv,
      'wells/a-1.las': writeLas({
        wellName: 'A-1',
        uwi: 'U',
        start: 100,
        step: 1,
        rows: 120,
        nullRows: [4],
        spike: { row: 60, value: 300 },
      }),
    };
    for (const [key, text] of Object.entries(files)) {
      const outcome = analyzeWellLog(key, new TextEncoder().encode(text), {
        k: 3,
        now: new Date('2026-01-02T03:04:05Z'),
      });
      if (outcome.kind !== 'analyzed') throw new Error(outcome.reason);
      for (const [name, rows] of [
        [wellReadingsKey(key), outcome.readings],
        [wellAnomaliesKey(key), outcome.anomalies],
      ] as const) {
        const path = join(root, PREFIX, name);
        await mkdir(join(path, '..'), { recursive: true });
        await writeFile(path, toNdjson(rows));
      }
    }
    engine.current = createDuckDbEngine({ tables: uc08Tables(PREFIX), rootDir: root });
    const sql = await engine.current.query(wellCurveAnomaliesSql({ k: 3 }));
    const stored = await engine.current.query(storedAnomaliesSql());
    // By hand: twelve 10s and one 40 → z = 360/√11700 ≈ 3.328 at depth 13; RHOB (2.0–2.2) has nothing beyond 3σ.
    const hand = sql.rows.filter((r) => r.file_key === 'wells/hand.csv');
    expect(hand).toHaveLength(1);
    expect(hand[0]).toMatchObject({ curve: 'GR', depth: 13, value: 40 });
    expect(hand[0]?.std_deviations).toBeCloseTo(360 / Math.sqrt(11700), 9);
    expect(sql.rows.filter((r) => r.file_key === 'wells/a-1.las').map((r) => [r.curve, r.depth])).toEqual([
      ['GR', 160],
    ]);
    expect(compareAnomalies(stored.rows, sql.rows)).toMatchObject({
      matched: 2,
      sqlOnly: [],
      domainOnly: [],
      ratio: 1,
    });
  });

  it('reports a disagreement when one side has an anomaly the other lacks', () => {
    const a = { file_key: 'f', curve: 'GR', depth: 1 };
    const b = { file_key: 'f', curve: 'GR', depth: 2 };
    expect(compareAnomalies([a], [a, b])).toMatchObject({
      matched: 1,
      sqlOnly: [{ fileKey: 'f', curve: 'GR', depth: 2 }],
      domainOnly: [],
      ratio: 0.5,
    });
    expect(compareAnomalies([], [])).toMatchObject({ ratio: 1 });
  });
});
