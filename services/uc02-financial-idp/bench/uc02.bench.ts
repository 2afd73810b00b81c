/**
 * UC2 on the local stack: documents/s through the whole deployed state machine (discovery, structure
 * check, text layer, entities, summary, confidence, review gate for the low-confidence ones, release,
 * report) and S3 bytes served per document. OCR is off (FSXN_LOCAL_OCR=off) so runs are comparable
 * across machines with and without tesseract. Prints a markdown table.
 *
 *   pnpm exec tsx services/uc02-financial-idp/bench/uc02.bench.ts
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServiceStack } from '@fsxn/local-stack';
import { approveEveryGate, reviewDepsOf } from '@fsxn/testing';
import { financialSamples } from '../samples/documents';

process.env.FSXN_LOCAL_OCR = 'off';
const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const COPIES = [2, 20];

const runOnce = async (copies: number) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'uc02-bench-'));
  const stateDir = await mkdtemp(join(tmpdir(), 'uc02-bench-state-'));
  let inputBytes = 0;
  let files = 0;
  for (let c = 0; c < copies; c++) {
    for (const sample of financialSamples()) {
      const path = join(dataDir, `batch-${c}`, sample.key);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, sample.bytes);
      inputBytes += sample.bytes.length;
      files++;
    }
  }
  const stack = await startServiceStack({ serviceDir, dataDir, stateRootDir: stateDir, notifier: () => undefined });
  try {
    const gates = approveEveryGate(reviewDepsOf(stack), {
      reviewer: { id: 'bench-clerk', roles: ['reviewer'] },
      approver: { id: 'bench-controller', roles: ['approver'] },
    });
    stack.resetS3Stats();
    const started = performance.now();
    const result = await stack.run({ onEvent: gates.onEvent });
    const reviews = await gates.settled();
    const seconds = (performance.now() - started) / 1000;
    if (result.status !== 'SUCCEEDED') throw new Error(`run ${result.status}: ${result.error} ${result.cause}`);
    const stats = stack.s3Stats();
    return {
      files,
      seconds,
      reviews,
      filesPerSecond: files / seconds,
      inputBytesPerFile: inputBytes / files,
      bytesSentPerFile: stats.bytesSent / files,
      getRequests: stats.requests.GetObject ?? 0,
    };
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(stateDir, { recursive: true, force: true });
  }
};

const rows: string[] = [];
for (const copies of COPIES) {
  const r = await runOnce(copies);
  rows.push(
    `| ${r.files} | ${r.reviews} | ${(r.inputBytesPerFile / 1024).toFixed(1)} KiB | ${r.seconds.toFixed(2)} s | ${r.filesPerSecond.toFixed(1)} | ${(r.bytesSentPerFile / 1024).toFixed(1)} KiB | ${r.getRequests} |`,
  );
}
console.log('## UC2 financial IDP (local stack, end to end)\n');
console.log(
  '| documents | reviewed | input per document | wall time | documents/s | S3 bytes served per document | GetObject requests |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
console.log(
  '\nBytes served per document: the whole input (text extraction needs every byte), plus the staged summary read back at release. Documents that fail the structure check or have no text offline are read once.',
);
