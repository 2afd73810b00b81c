import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from '@fsxn/testing';
import { describe, expect, it } from 'vitest';
import { generateSensorRows, toSensorCsv } from '../../samples/sensor-csv';
import { transformSensorCsv } from '../../src/transform-csv';
import { readParquetWithDuckDb } from '../parquet-reader';

async function* chunksOf(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** An in-memory part store with the same contract as the handler's access-point writer. */
const partStore = () => {
  const parts = new Map<number, Uint8Array>();
  return {
    parts,
    writePart: async (index: number, bytes: Uint8Array) => {
      parts.set(index, bytes);
      return `parquet/part-${index}.parquet`;
    },
    removePartsFrom: async (keep: number) => {
      const stale = [...parts.keys()].filter((i) => i >= keep);
      for (const i of stale) parts.delete(i);
      return stale.length;
    },
  };
};

describe('transformSensorCsv', () => {
  it('streams a CSV cut into tiny chunks (also inside UTF-8 characters) into bounded Parquet parts', async () => {
    const { rows } = generateSensorRows({ sensors: 2, readingsPerSensor: 10, outliers: 0 });
    const text = `\uFEFF${toSensorCsv(rows, { name: 'note', valueOf: (_r, i) => (i % 2 ? 'öl, prüfen' : '') })}`;
    const store = partStore();
    const outcome = await transformSensorCsv(chunksOf(new TextEncoder().encode(text), 7), {
      sourceKey: 'plant/line.csv',
      rowsPerPart: 25,
      ...store,
    });
    expect(outcome.kind).toBe('transformed');
    if (outcome.kind !== 'transformed') return;
    // 2 sensors x 10 readings x 3 metrics = 60 rows → parts of 25, 25, 10.
    expect(outcome.parts).toHaveLength(3);
    expect(outcome.csv).toMatchObject({
      rowsRead: 60,
      rowsValid: 60,
      badRows: 0,
      extraColumns: [{ name: 'note', type: 'string' }],
    });
    const dir = await makeTempDir('uc03-parts-');
    const files = [];
    for (const [index, bytes] of store.parts) {
      const file = join(dir, `part-${index}.parquet`);
      await writeFile(file, bytes);
      files.push(file);
    }
    const back = await readParquetWithDuckDb(files);
    expect(back).toHaveLength(60);
    const first = rows[0];
    expect(back).toContainEqual({
      sensor_id: first?.sensorId,
      metric_name: first?.metricName,
      recorded_at: first?.timestamp.replace('T', ' ').replace('.000Z', ''),
      value: first?.value,
      unit: first?.unit,
      source_key: 'plant/line.csv',
    });
  });

  it('counts bad rows with line numbers and deletes parts a longer earlier version left', async () => {
    const store = partStore();
    for (let i = 0; i < 5; i++) await store.writePart(i, new Uint8Array([i]));
    const text = [
      'sensor_id,timestamp,value,metric_name,unit',
      's1,2026-03-01T00:00:00Z,1.5,temp,C',
      's1,2026-03-01T00:01:00Z,,temp,C',
      '"s2","2026-03-01T00:02:00Z","2.5","temp",""',
    ].join('\n');
    const outcome = await transformSensorCsv(chunksOf(new TextEncoder().encode(text), 1000), {
      sourceKey: 'a.csv',
      rowsPerPart: 100,
      ...store,
    });
    expect(outcome).toMatchObject({
      kind: 'transformed',
      removedStaleParts: 4,
      csv: {
        rowsRead: 3,
        rowsValid: 2,
        badRows: 1,
        badRowDetails: [{ line: 3, reason: 'value "" is not a finite number' }],
      },
    });
    expect([...store.parts.keys()]).toEqual([0]);
  });

  it('fails a file where no row parses and leaves none of its parts behind', async () => {
    const store = partStore();
    await store.writePart(0, new Uint8Array([1]));
    const text = 'sensor_id,timestamp,value,metric_name\ns1,never,1,temp\n';
    const outcome = await transformSensorCsv(chunksOf(new TextEncoder().encode(text), 1000), {
      sourceKey: 'a.csv',
      rowsPerPart: 100,
      ...store,
    });
    expect(outcome).toMatchObject({
      kind: 'failed',
      reason: 'NoValidRowsError: 0 of 1 rows valid (line 2: timestamp "never" is not ISO 8601)',
    });
    expect(store.parts.size).toBe(0);
  });

  it('fails an empty file, a header-only file and bytes that are not UTF-8, each with its reason', async () => {
    const run = (bytes: Uint8Array) =>
      transformSensorCsv(chunksOf(bytes, 1000), { sourceKey: 'a.csv', rowsPerPart: 10, ...partStore() });
    expect(await run(new Uint8Array())).toMatchObject({ reason: 'CsvFormatError: no header row (empty file)' });
    expect(await run(new TextEncoder().encode('sensor_id,timestamp,value,metric_name\r\n'))).toMatchObject({
      reason: 'NoValidRowsError: header only, no data rows',
    });
    expect(await run(new Uint8Array([0x61, 0xff, 0x0a]))).toMatchObject({ reason: 'CsvFormatError: not UTF-8 text' });
  });
});
