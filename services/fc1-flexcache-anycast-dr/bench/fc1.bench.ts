/**
 * FC1 on the local stack: health runs per second through the whole deployed state machine (ONTAP checks
 * against the simulator, probes through the S3AP emulator, routing table, report) and the S3 requests and
 * bytes each run sends per endpoint (the probe is a bounded Range read). Prints a markdown table.
 *
 *   pnpm exec tsx services/fc1-flexcache-anycast-dr/bench/fc1.bench.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServiceStack } from '@fsxn/local-stack';
import { writeOriginVolume } from '../samples/volume';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 20;
const ENDPOINTS = 2;

const main = async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'fc1-bench-'));
  const stateDir = await mkdtemp(join(tmpdir(), 'fc1-bench-state-'));
  await writeOriginVolume(dataDir);
  const stack = await startServiceStack({ serviceDir, dataDir, stateRootDir: stateDir, notifier: () => undefined });
  try {
    // The first run creates the FlexCaches (ensureCaches); measure the steady state after it.
    const first = await stack.run();
    if (first.status !== 'SUCCEEDED') throw new Error(`first run ${first.status}: ${first.error ?? ''}`);
    stack.resetS3Stats();
    const started = performance.now();
    for (let i = 0; i < RUNS; i++) {
      const result = await stack.run();
      if (result.status !== 'SUCCEEDED') throw new Error(`run ${i} ${result.status}: ${result.error ?? ''}`);
    }
    const seconds = (performance.now() - started) / 1000;
    const stats = stack.s3Stats();
    const gets = stats.requests.GetObject ?? 0;
    const lists = stats.requests.ListObjectsV2 ?? 0;
    console.log(
      '| runs | endpoints | runs/s | ms per run | ListObjectsV2 per endpoint-run | GetObject per endpoint-run | bytes read per endpoint-run |',
    );
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    // bytesSent includes the report PUT's answer (0 bytes) and the listing XML; GETs are 4096-byte ranges.
    console.log(
      `| ${RUNS} | ${ENDPOINTS} | ${(RUNS / seconds).toFixed(1)} | ${((seconds * 1000) / RUNS).toFixed(0)} | ${(lists / (RUNS * ENDPOINTS)).toFixed(1)} | ${(gets / (RUNS * ENDPOINTS)).toFixed(1)} | ${Math.round(stats.bytesSent / (RUNS * ENDPOINTS))} |`,
    );
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(stateDir, { recursive: true, force: true });
  }
};

await main();
