/**
 * UC7 on the local stack: files/s through the whole deployed state machine (discovery, streaming QC /
 * variant statistics / BAM header, review gate approved by two identities, release, DuckDB analysis,
 * report) and bytes read per file by kind (FASTQ and VCF streamed whole, BAM header by Range reads).
 * Prints a markdown table.
 *
 *   pnpm exec tsx services/uc07-genomics-pipeline/bench/uc07.bench.ts
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startServiceStack } from '@fsxn/local-stack';
import { approveEveryGate, reviewDepsOf } from '@fsxn/testing';
import { bgzfCompress, generateBam, generateFastq, generateVcf, HUMAN_REFERENCES } from '../samples';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = [
  { perKind: 3, reads: 5_000, snvs: 2_000, bamReads: 5_000 },
  { perKind: 8, reads: 20_000, snvs: 10_000, bamReads: 20_000 },
];

type Kind = 'fastq' | 'vcf' | 'bam';
const kindOfKey = (key: string): Kind => (key.includes('.fastq') ? 'fastq' : key.includes('.vcf') ? 'vcf' : 'bam');

const runOnce = async (size: (typeof SIZES)[number]) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'uc07-bench-'));
  const stateDir = await mkdtemp(join(tmpdir(), 'uc07-bench-state-'));
  const sizes = new Map<string, number>();
  const put = async (key: string, body: Uint8Array) => {
    await mkdir(dirname(join(dataDir, key)), { recursive: true });
    await writeFile(join(dataDir, key), body);
    sizes.set(key, body.length);
  };
  for (let i = 0; i < size.perKind; i += 1) {
    await put(`fastq/s${i}.fastq.gz`, gzipSync(generateFastq({ reads: size.reads, seed: 100 + i }).text));
    await put(
      `vcf/s${i}.vcf.gz`,
      bgzfCompress(Buffer.from(generateVcf({ seed: 200 + i, snvRecords: size.snvs }).text)),
    );
    await put(
      `bam/s${i}.bam`,
      generateBam({
        references: HUMAN_REFERENCES,
        readGroups: [{ id: `rg${i}`, sample: `s${i}` }],
        unmappedReads: size.bamReads,
        seed: i,
      }),
    );
  }
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
    const report = result.output as { items: { key: string; status: string; metrics: Record<string, number> }[] };
    const failed = report.items.filter((i) => i.status !== 'SUCCEEDED');
    if (failed.length > 0) throw new Error(`unexpected failures: ${JSON.stringify(failed)}`);
    const byKind = (kind: Kind) => {
      const items = report.items.filter((i) => kindOfKey(i.key) === kind);
      const avg = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
      return {
        fileBytes: avg(items.map((i) => sizes.get(i.key) ?? 0)),
        bytesRead: avg(items.map((i) => i.metrics.bytesRead ?? 0)),
      };
    };
    const stats = stack.s3Stats();
    const files = sizes.size;
    return {
      files,
      seconds,
      filesPerSecond: files / seconds,
      bytesSentPerFile: stats.bytesSent / files,
      kinds: { fastq: byKind('fastq'), vcf: byKind('vcf'), bam: byKind('bam') },
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
  const k = r.kinds;
  rows.push(
    `| ${r.files} | ${r.seconds.toFixed(2)} s | ${r.filesPerSecond.toFixed(1)} | ${kib(r.bytesSentPerFile)} | ` +
      `${kib(k.fastq.fileBytes)} / ${kib(k.fastq.bytesRead)} | ${kib(k.vcf.fileBytes)} / ${kib(k.vcf.bytesRead)} | ` +
      `${kib(k.bam.fileBytes)} / ${kib(k.bam.bytesRead)} |`,
  );
}
console.log('## uc07-genomics-pipeline: end to end on the local stack\n');
console.log(
  '| files | wall time | files/s | S3 bytes served per file | FASTQ.gz size / read | VCF.gz size / read | BAM size / read |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
