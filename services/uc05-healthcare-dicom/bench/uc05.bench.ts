/**
 * UC5 on the local stack: files/s through the whole deployed state machine (discovery, parse, PHI
 * detection, de-identification, review gate approved by two identities, release, report) and S3 bytes
 * read per file. Prints a markdown table.
 *
 *   pnpm exec tsx services/uc05-healthcare-dicom/bench/uc05.bench.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServiceStack } from '@fsxn/local-stack';
import { approveEveryGate, generateDicomStudies, reviewDepsOf } from '@fsxn/testing';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = [
  { studies: 2, seriesPerStudy: 2, instancesPerSeries: 5 },
  { studies: 5, seriesPerStudy: 4, instancesPerSeries: 10 },
];

const runOnce = async (layout: (typeof SIZES)[number]) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'uc05-bench-'));
  const stateDir = await mkdtemp(join(tmpdir(), 'uc05-bench-state-'));
  const generated = await generateDicomStudies(dataDir, layout);
  const stack = await startServiceStack({ serviceDir, dataDir, stateRootDir: stateDir, notifier: () => undefined });
  try {
    const gates = approveEveryGate(reviewDepsOf(stack), {
      reviewer: { id: 'bench-reviewer', roles: ['reviewer'] },
      approver: { id: 'bench-approver', roles: ['approver'] },
    });
    stack.resetS3Stats();
    const started = performance.now();
    const result = await stack.run({ onEvent: gates.onEvent });
    await gates.settled();
    const seconds = (performance.now() - started) / 1000;
    if (result.status !== 'SUCCEEDED') throw new Error(`run ${result.status}: ${result.error} ${result.cause}`);
    const stats = stack.s3Stats();
    const files = generated.files.length;
    return {
      files,
      inputBytes: generated.totalBytes,
      seconds,
      filesPerSecond: files / seconds,
      bytesSentPerFile: stats.bytesSent / files,
      inputBytesPerFile: generated.totalBytes / files,
      getRequests: stats.requests.GetObject ?? 0,
    };
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(stateDir, { recursive: true, force: true });
  }
};

const rows: string[] = [];
for (const layout of SIZES) {
  const r = await runOnce(layout);
  rows.push(
    `| ${r.files} | ${(r.inputBytesPerFile / 1024).toFixed(1)} KiB | ${r.seconds.toFixed(2)} s | ${r.filesPerSecond.toFixed(1)} | ${(r.bytesSentPerFile / 1024).toFixed(1)} KiB | ${r.getRequests} |`,
  );
}
console.log('## UC5 healthcare DICOM (local stack, end to end)\n');
console.log('| files | input per file | wall time | files/s | S3 bytes served per file | GetObject requests |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
console.log(
  '\nBytes served per file include the input read, the staged output read back at release, and the re-parse of the released output by the report step.',
);
