import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createDuckDbEngine, formatTimestamp, layoutMetadataTable } from '@fsxn/analytics';
import { makeTempDir } from '@fsxn/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeLayouts } from '../src/analyze-layouts';
import { iqrOutliers, type LayoutRow } from '../src/domain';

const table = layoutMetadataTable({ prefix: 'rows/' });
const engines: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const e of engines) await e.close();
});

const value = fc.option(
  fc.integer({ min: 0, max: 5000 }).map((v) => v / 4),
  { nil: null },
);
const rowsArb = fc.array(
  fc.record({ width: value, height: value, cells: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }) }),
  {
    minLength: 1,
    maxLength: 25,
  },
);

/** The same rows through the domain's Tukey fences and through the SQL on DuckDB: the same findings. */
describe('IQR outliers: domain and SQL agree', () => {
  it('flags the same files, metrics and directions with the same fences', async () => {
    await fc.assert(
      fc.asyncProperty(rowsArb, async (specs) => {
        const root = await makeTempDir('uc06-sql-');
        await mkdir(join(root, 'rows'), { recursive: true });
        const rows: LayoutRow[] = specs.map((s, i) => ({
          file_key: `f${String(i).padStart(2, '0')}.gds`,
          file_format: 'GDSII',
          library_name: i % 3 === 0 ? `lib-${i}` : `lib_${i}`,
          cell_count: s.cells,
          bbox_width: s.width,
          bbox_height: s.height,
          processed_at: formatTimestamp(new Date(0)),
        }));
        await writeFile(join(root, 'rows', 'part.json'), rows.map((r) => JSON.stringify(r)).join('\n'));
        const engine = createDuckDbEngine({ tables: [table], rootDir: root });
        engines.push(engine);
        const sql = await analyzeLayouts(engine, table, { multiplier: 1.5 });
        const domain = iqrOutliers(
          rows.map((r) => ({
            id: r.file_key,
            values: { bbox_width: r.bbox_width, bbox_height: r.bbox_height, cell_count: r.cell_count },
          })),
          ['bbox_width', 'bbox_height', 'cell_count'],
        );
        expect(sql.outliers.map((o) => [o.id, o.metric, o.direction, o.value])).toEqual(
          domain.map((o) => [o.id, o.metric, o.direction, o.value]),
        );
        for (const [i, o] of sql.outliers.entries()) {
          expect(o.q1).toBeCloseTo(domain[i]?.q1 ?? Number.NaN, 9);
          expect(o.q3).toBeCloseTo(domain[i]?.q3 ?? Number.NaN, 9);
        }
        expect(sql.libraryNamingViolations.map((v) => v.library_name)).toEqual(
          rows.filter((r) => r.library_name?.includes('-')).map((r) => r.library_name),
        );
        expect(sql.cellCountStats.invalid_files).toBe(rows.filter((r) => r.cell_count === null).length);
        await engine.close();
      }),
      { numRuns: 25 },
    );
  });
});
