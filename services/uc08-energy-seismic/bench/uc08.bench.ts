/**
 * UC8 on the local stack: files/s through the whole deployed state machine (discovery, SEG-Y inspection
 * by Range reads, well-log analysis, DuckDB analytics, report) and S3 bytes read per SEG-Y file against
 * its size. Prints a markdown table.
 *
 *   pnpm exec tsx services/uc08-energy-seismic/bench/uc08.bench.ts
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServiceStack } from '@fsxn/local-stack';
import { writeLas, writeSegy } from '../samples';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = [
  { surveys: 10, inlines: 10, crosslines: 10, samples: 1000, wells: 10 },
  { surveys: 10, inlines: 40, crosslines: 50, samples: 1500, wells: 10 },
];

const runOnce = async (size: (typeof SIZES)[number]) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'uc08-bench-'));
  const stateDir = await mkdtemp(join(tmpdir(), 'uc08-bench-state-'));
  await mkdir(join(dataDir, 'seismic'), { recursive: true });
  await mkdir(join(dataDir, 'wells'), { recursive: true });
  let segyBytes = 0;
  for (let i = 0; i < size.surveys; i++) {
    const bytes = writeSegy({
      revision: 1,
      endianness: 'big',
      formatCode: 1,
      text: 'cp037',
      inlines: size.inlines,
      crosslines: size.crosslines,
      samples: size.samples,
      sampleInterval: 2000,
    });
    segyBytes += bytes.length;
    await writeFile(join(dataDir, `seismic/survey-${i}.sgy`), bytes);
  }
  for (let i = 0; i < size.wells; i++) {
    await writeFile(
      join(dataDir, `wells/w-${i}.las`),
      writeLas({
        wellName: `W-${i}`,
        uwi: `U${i}`,
        start: 1000,
        step: 0.5,
        rows: 2000,
        spike: { row: 100 + i, value: 500 },
      }),
    );
  }
  const stack = await startServiceStack({ serviceDir, dataDir, stateRootDir: stateDir, notifier: () => undefined });
  try {
    stack.resetS3Stats();
    const started = performance.now();
    const result = await stack.run();
    const seconds = (performance.now() - started) / 1000;
    if (result.status !== 'SUCCEEDED') throw new Error(`run ${result.status}: ${result.error} ${result.cause}`);
    const output = result.output as { items: { metrics: Record<string, number> }[] };
    const seismic = output.items.filter((i) => i.metrics.seismic === 1);
    const files = size.surveys + size.wells;
    return {
      files,
      seconds,
      filesPerSecond: files / seconds,
      segyBytesPerFile: segyBytes / size.surveys,
      segyBytesReadPerFile: seismic.reduce((n, i) => n + (i.metrics.bytesRead ?? 0), 0) / seismic.length,
      s3BytesSentPerFile: stack.s3Stats().bytesSent / files,
    };
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(stateDir, { recursive: true, force: true });
  }
};

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const rows: string[] = [];
for (const size of SIZES) {
  const r = await runOnce(size);
  rows.push(
    `| ${r.files} (${size.surveys} SEG-Y + ${size.wells} LAS) | ${kib(r.segyBytesPerFile)} | ${r.seconds.toFixed(2)} s | ${r.filesPerSecond.toFixed(1)} | ${kib(r.segyBytesReadPerFile)} | ${kib(r.s3BytesSentPerFile)} |`,
  );
}
console.log('## uc08-energy-seismic\n');
console.log(
  '| files | SEG-Y size | wall time | files/s | bytes read per SEG-Y file | S3 bytes served per file (all) |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
console.log(
  '\nSEG-Y files are read by Range requests only (3600 header bytes + 8 sampled traces); well logs are read whole.',
);
