/**
 * UC6 on the local stack: files/s through the whole deployed state machine (discovery, streamed GDSII
 * record walk or OASIS Range reads, DuckDB analysis, design review) and S3 bytes read per file, for a
 * GDSII set (read whole, streamed) and an OASIS set with large name tables (header and tables only).
 *
 *   pnpm exec tsx services/uc06-semiconductor-eda/bench/uc06.bench.ts
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServiceStack } from '@fsxn/local-stack';
import { writeGds } from '../samples/gds-writer';
import { blockLibrary, sramLibrary } from '../samples/layouts';
import { writeOasis } from '../samples/oasis-writer';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');

type Workload = { name: string; files: number; write: (dir: string, i: number) => Uint8Array };

const WORKLOADS: Workload[] = [
  {
    name: 'GDSII (blocks + bit-cell arrays)',
    files: 60,
    write: (_, i) => writeGds(i % 10 === 0 ? sramLibrary() : blockLibrary(i % 9)),
  },
  {
    name: 'GDSII (flat, 20,000 boundaries on 4 layers)',
    files: 12,
    write: (_, i) =>
      writeGds({
        name: `flat_${i}`,
        units: [1e-3, 1e-9],
        structures: [
          {
            name: 'FLAT',
            elements: Array.from({ length: 20000 }, (_, n) => {
              const x = (n % 200) * 1000;
              const y = Math.floor(n / 200) * 1000;
              return {
                kind: 'boundary' as const,
                layer: n % 4,
                datatype: 0,
                points: [
                  [x, y],
                  [x + 500, y],
                  [x + 500, y + 500],
                  [x, y + 500],
                ] as [number, number][],
              };
            }),
          },
        ],
      }),
  },
  {
    name: 'OASIS (2,000 cells of 1 KiB, name tables at START/END)',
    files: 60,
    write: (_, i) =>
      writeOasis({
        unit: 1000,
        cellNames: Array.from({ length: 2000 }, (_, n) => `CELL_${i}_${n}`),
        cellBodyBytes: 1024,
        tablesIn: i % 2 === 0 ? 'END' : 'START',
        validation: 'crc32',
      }),
  },
];

const runOnce = async (workload: Workload) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'uc06-bench-'));
  const stateDir = await mkdtemp(join(tmpdir(), 'uc06-bench-state-'));
  let inputBytes = 0;
  await mkdir(join(dataDir, 'design'), { recursive: true });
  for (let i = 0; i < workload.files; i += 1) {
    const bytes = workload.write(dataDir, i);
    inputBytes += bytes.length;
    const ext = workload.name.startsWith('GDSII') ? 'gds' : 'oas';
    await writeFile(join(dataDir, 'design', `f${i}.${ext}`), bytes);
  }
  const stack = await startServiceStack({ serviceDir, dataDir, stateRootDir: stateDir, notifier: () => undefined });
  try {
    stack.resetS3Stats();
    const started = performance.now();
    const result = await stack.run();
    const seconds = (performance.now() - started) / 1000;
    if (result.status !== 'SUCCEEDED') throw new Error(`run ${result.status}: ${result.error} ${result.cause}`);
    const stats = stack.s3Stats();
    return {
      seconds,
      filesPerSecond: workload.files / seconds,
      inputPerFile: inputBytes / workload.files,
      bytesSentPerFile: stats.bytesSent / workload.files,
      getRequests: stats.requests.GetObject ?? 0,
    };
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(stateDir, { recursive: true, force: true });
  }
};

const rows: string[] = [];
for (const workload of WORKLOADS) {
  const r = await runOnce(workload);
  rows.push(
    `| ${workload.name} | ${workload.files} | ${(r.inputPerFile / 1024).toFixed(1)} KiB | ${r.seconds.toFixed(2)} s | ${r.filesPerSecond.toFixed(1)} | ${(r.bytesSentPerFile / 1024).toFixed(1)} KiB | ${r.getRequests} |`,
  );
}
console.log('## uc06-semiconductor-eda (local stack, end to end)\n');
console.log(
  '| workload | files | input per file | wall time | files/s | S3 bytes served per file | GetObject requests |',
);
console.log(
  '| -------- | ----: | -------------: | --------: | ------: | -----------------------: | -----------------: |',
);
for (const row of rows) console.log(row);
