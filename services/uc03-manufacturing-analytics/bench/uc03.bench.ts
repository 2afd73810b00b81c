/**
 * UC3 on the local stack: files/s through the whole deployed state machine (discovery, CSV → Parquet,
 * image quality + local labels, the anomaly SQL on DuckDB, report) and S3 bytes served per file.
 * Prints a markdown table.
 *
 *   pnpm exec tsx services/uc03-manufacturing-analytics/bench/uc03.bench.ts
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServiceStack } from '@fsxn/local-stack';
import { inspectionJpeg } from '../samples/images';
import { generateSensorRows, toSensorCsv } from '../samples/sensor-csv';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const LAYOUTS = [
  { name: 'small CSVs', csvs: 40, readingsPerSensor: 100, images: 0 },
  { name: 'one large CSV', csvs: 1, readingsPerSensor: 20_000, images: 0 },
  { name: '800×600 JPEGs', csvs: 0, readingsPerSensor: 0, images: 20 },
];

const runOnce = async (layout: (typeof LAYOUTS)[number]) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'uc03-bench-'));
  const stateDir = await mkdtemp(join(tmpdir(), 'uc03-bench-state-'));
  let inputBytes = 0;
  let rows = 0;
  await mkdir(join(dataDir, 'sensors'), { recursive: true });
  await mkdir(join(dataDir, 'inspection'), { recursive: true });
  for (let i = 0; i < layout.csvs; i++) {
    const generated = generateSensorRows({ seed: i + 1, sensors: 4, readingsPerSensor: layout.readingsPerSensor });
    const text = toSensorCsv(generated.rows);
    rows += generated.rows.length;
    inputBytes += Buffer.byteLength(text);
    await writeFile(join(dataDir, 'sensors', `line-${i}.csv`), text);
  }
  for (let i = 0; i < layout.images; i++) {
    const bytes = inspectionJpeg(i % 4 === 0 ? 'smooth' : 'sharp', 800, 600, i + 1);
    inputBytes += bytes.length;
    await writeFile(join(dataDir, 'inspection', `part-${i}.jpg`), bytes);
  }
  const stack = await startServiceStack({ serviceDir, dataDir, stateRootDir: stateDir, notifier: () => undefined });
  try {
    stack.resetS3Stats();
    const started = performance.now();
    const result = await stack.run();
    const seconds = (performance.now() - started) / 1000;
    if (result.status !== 'SUCCEEDED') throw new Error(`run ${result.status}: ${result.error} ${result.cause}`);
    const stats = stack.s3Stats();
    const files = layout.csvs + layout.images;
    return {
      files,
      seconds,
      rows,
      inputBytesPerFile: inputBytes / files,
      bytesSentPerFile: stats.bytesSent / files,
      bytesReceivedPerFile: stats.bytesReceived / files,
    };
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(stateDir, { recursive: true, force: true });
  }
};

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const lines: string[] = [];
for (const layout of LAYOUTS) {
  const r = await runOnce(layout);
  lines.push(
    `| ${layout.name} | ${r.files} | ${r.rows || '-'} | ${kib(r.inputBytesPerFile)} | ${r.seconds.toFixed(2)} s | ${(r.files / r.seconds).toFixed(1)} | ${r.rows ? Math.round(r.rows / r.seconds).toLocaleString('en-US') : '-'} | ${kib(r.bytesSentPerFile)} | ${kib(r.bytesReceivedPerFile)} |`,
  );
}
console.log('## uc03-manufacturing-analytics: end to end on the local stack\n');
console.log(
  '| input | files | rows | input per file | wall time | files/s | rows/s | S3 bytes served per file | S3 bytes written per file |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const line of lines) console.log(line);
console.log(
  '\nEach file is read once in full (CSVs streamed, images decoded); bytes written are the Parquet parts, summaries, manifest, anomalies and report.',
);
