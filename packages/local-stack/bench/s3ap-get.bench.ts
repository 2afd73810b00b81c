/**
 * GET throughput through the S3AP emulator with SDK v3 (default settings) beside a plain `fs` read of the
 * same files. Objects of 1 KB, 1 MB and 64 MB at concurrency 1/4/16; each cell runs for a fixed time budget,
 * so the whole bench stays under a minute. Prints a markdown table.
 *
 *   pnpm exec tsx packages/local-stack/bench/s3ap-get.bench.ts
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startS3ApEmulator } from '../src/s3ap-emulator';

const SIZES = [
  { label: '1 KB', bytes: 1024 },
  { label: '1 MB', bytes: 1024 * 1024 },
  { label: '64 MB', bytes: 64 * 1024 * 1024 },
] as const;
const CONCURRENCY = [1, 4, 16] as const;
/** Per cell; 9 cells x 2 paths x budget + set-up stays well under 60 s. */
const BUDGET_MS = 1_400;

interface CellResult {
  readonly ops: number;
  readonly bytes: number;
  readonly elapsedMs: number;
  readonly latencies: number[];
}

const drain = async (stream: Readable): Promise<number> => {
  let n = 0;
  for await (const chunk of stream) n += (chunk as Buffer).length;
  return n;
};

const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN);

/** Runs `concurrency` workers calling `once` until the budget is spent (each worker finishes its last op). */
const runCell = async (concurrency: number, once: () => Promise<number>): Promise<CellResult> => {
  const latencies: number[] = [];
  let bytes = 0;
  const start = performance.now();
  const deadline = start + BUDGET_MS;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const n = await once(); // read before adding: `bytes += await …` would lose concurrent updates
      bytes += n;
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return {
    ops: latencies.length,
    bytes,
    elapsedMs: performance.now() - start,
    latencies: latencies.sort((a, b) => a - b),
  };
};

const row = (size: string, concurrency: number, via: string, r: CellResult): string => {
  const seconds = r.elapsedMs / 1000;
  const mbps = r.bytes / (1024 * 1024) / seconds;
  return `| ${size} | ${concurrency} | ${via} | ${r.ops} | ${mbps.toFixed(1)} | ${(r.ops / seconds).toFixed(0)} | ${percentile(r.latencies, 50).toFixed(2)} | ${percentile(r.latencies, 95).toFixed(2)} |`;
};

const main = async (): Promise<void> => {
  const benchStart = performance.now();
  const root = await mkdtemp(path.join(tmpdir(), 's3ap-bench-'));
  const emulator = await startS3ApEmulator({ accessPoints: [{ name: 'bench', rootDir: root }] });
  const bucket = emulator.aliasOf('bench');
  const client = new S3Client({
    endpoint: emulator.endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    for (const size of SIZES) await writeFile(path.join(root, `obj-${size.bytes}`), Buffer.alloc(size.bytes, 0x5a));
    const lines = [
      '| object | concurrency | via | ops | MB/s | ops/s | p50 ms | p95 ms |',
      '|---|---:|---|---:|---:|---:|---:|---:|',
    ];
    for (const size of SIZES) {
      const key = `obj-${size.bytes}`;
      const viaS3 = async () => {
        const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return drain(out.Body as Readable);
      };
      const viaFs = () => drain(createReadStream(path.join(root, key)));
      await viaS3(); // first GET computes and caches the ETag; measured GETs use the cache
      for (const concurrency of CONCURRENCY) {
        lines.push(row(size.label, concurrency, 'S3AP emulator + SDK', await runCell(concurrency, viaS3)));
        lines.push(row(size.label, concurrency, 'fs.createReadStream', await runCell(concurrency, viaFs)));
      }
    }
    console.log(lines.join('\n'));
    console.log(
      `\nNode ${process.version}, ${BUDGET_MS} ms per cell, total ${((performance.now() - benchStart) / 1000).toFixed(1)} s`,
    );
  } finally {
    client.destroy();
    await emulator.stop();
    await rm(root, { recursive: true, force: true });
  }
};

await main();
