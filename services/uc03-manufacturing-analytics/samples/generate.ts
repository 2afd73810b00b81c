import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { inspectionJpeg, inspectionPng } from './images';
import { generateSensorRows, toSensorCsv } from './sensor-csv';

/** What `generateManufacturingSamples` wrote, and how each file is expected to end. */
export const SAMPLE_EXPECTATIONS = {
  succeeded: [
    'sensors/line-a.csv',
    'sensors/line-b.csv',
    'inspection/part-0001.jpg',
    'inspection/part-0002-blurred.jpg',
    'inspection/part-0003-dark.png',
  ],
  failed: {
    'sensors/incoming/missing-columns.csv': /^SensorSchemaError: header lacks value/,
    'sensors/incoming/not-text.csv': /^CsvFormatError: not UTF-8 text/,
    'inspection/incoming/truncated.jpg': /^ImageDecodeError: truncated JPEG/,
    'inspection/incoming/not-an-image.png': /^ImageDecodeError: not a PNG or JPEG/,
  },
  flagged: ['inspection/part-0002-blurred.jpg', 'inspection/part-0003-dark.png'],
  /** Bad data rows appended to line-b.csv (line numbers are asserted by the end-to-end test). */
  badRowsInLineB: 3,
  ignored: ['notes/readme.txt'],
} as const;

/**
 * A small plant share: two sensor exports (one with injected outliers and three bad rows), inspection
 * photos (sharp, blurred, under-exposed), and broken files that must fail with a reason.
 */
export const generateManufacturingSamples = async (dir: string) => {
  const files: Record<string, Uint8Array | string> = {};
  const lineA = generateSensorRows({ seed: 11, sensors: 3, readingsPerSensor: 40, outliers: 3 });
  files['sensors/line-a.csv'] = toSensorCsv(lineA.rows, {
    name: 'operator note',
    valueOf: (_r, i) => (i % 7 ? '' : 'checked, ok'),
  });
  const lineB = generateSensorRows({ seed: 12, sensors: 2, readingsPerSensor: 30, outliers: 1 });
  files['sensors/line-b.csv'] =
    toSensorCsv(lineB.rows) +
    'press-09,2026-03-01T00:00:00Z,not-a-number,temperature,degC\r\n' +
    'press-09,yesterday,71.5,temperature,degC\r\n' +
    'press-09,2026-03-01T00:00:00Z,71.5\r\n';
  files['sensors/incoming/missing-columns.csv'] =
    'sensor_id,timestamp,metric_name\r\npress-01,2026-03-01T00:00:00Z,temperature\r\n';
  files['sensors/incoming/not-text.csv'] = new Uint8Array([0x73, 0x65, 0x6e, 0xff, 0xfe, 0x00, 0xc3, 0x28, 0x0a]);
  files['inspection/part-0001.jpg'] = inspectionJpeg('sharp');
  files['inspection/part-0002-blurred.jpg'] = inspectionJpeg('smooth');
  files['inspection/part-0003-dark.png'] = inspectionPng('dark');
  const good = inspectionJpeg('sharp', 800, 600, 3);
  files['inspection/incoming/truncated.jpg'] = good.subarray(0, Math.floor(good.length / 2));
  files['inspection/incoming/not-an-image.png'] = 'this is a text file named like a PNG\n';
  files['notes/readme.txt'] = 'not in scope\n';

  let bytes = 0;
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
    bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  }
  const failed = Object.keys(SAMPLE_EXPECTATIONS.failed).length;
  return {
    files: SAMPLE_EXPECTATIONS.succeeded.length + failed,
    bytes,
    kinds: { csv: 2, images: 3, broken: failed },
    outliers: { lineA: lineA.outlierIndices.length, lineB: lineB.outlierIndices.length },
  };
};
