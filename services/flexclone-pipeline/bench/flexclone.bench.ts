/**
 * Simulated end-to-end time of Snapshot -> FlexClone -> online on the local stack (ONTAP simulator with its
 * default 50 ms job latency), and the ONTAP requests per run, counted by a proxy in front of the simulator
 * (cross-checked against the run report's own count). Each run is followed by an `operation: cleanup` run.
 *   pnpm exec tsx services/flexclone-pipeline/bench/flexclone.bench.ts [runs]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalServiceDescriptor, startServiceStack } from '@fsxn/local-stack';
import descriptor from '../local';
import { writeSampleVolume } from '../samples/volume';
import { startForwardingProxy } from '../test/support/forwarding-proxy';

interface Report {
  status: string;
  cloneReadyMs: number | null;
  ontapCalls: number;
  steps: Record<string, { ms: number; ontapCalls: number; invocations: number }>;
}

const runs = Number(process.argv[2] ?? 5);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const main = async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'fxc-bench-'));
  const stateDir = await mkdtemp(join(tmpdir(), 'fxc-bench-state-'));
  await writeSampleVolume(dataDir);
  let ontapBase = '';
  const proxy = await startForwardingProxy(() => ontapBase);
  const overridden: LocalServiceDescriptor = {
    ...descriptor,
    environment: (info) => ({ ...descriptor.environment?.(info), ONTAP_ENDPOINT: proxy.endpoint }),
  };
  const stack = await startServiceStack({
    serviceDir: join(import.meta.dirname, '..'),
    dataDir,
    stateRootDir: stateDir,
    descriptor: overridden,
  });
  ontapBase = stack.ontap?.baseUrl ?? '';
  const rows: string[] = [];
  try {
    // pollSeconds 1: the local default (one ASL Wait between checks); 0: checks back to back, bounded by maxChecks.
    for (const pollSeconds of [1, 0]) {
      const ready: number[] = [];
      const calls: number[] = [];
      const checks: number[] = [];
      const snapshotMs: number[] = [];
      for (let i = 0; i < runs; i++) {
        const cloneName = `bench_${pollSeconds}_${i}`;
        proxy.reset();
        const result = await stack.run({
          input: { parentVolume: 'vol1', cloneName, wait: { pollSeconds, maxChecks: 200 } },
        });
        const report = result.output as Report;
        if (result.status !== 'SUCCEEDED' || report.cloneReadyMs === null)
          throw new Error(`run failed: ${result.error ?? ''}`);
        if (report.ontapCalls !== proxy.count()) {
          throw new Error(`report counted ${report.ontapCalls} ONTAP calls, the proxy saw ${proxy.count()}`);
        }
        ready.push(report.cloneReadyMs);
        calls.push(proxy.count());
        checks.push(report.steps.CheckOnline?.invocations ?? 0);
        snapshotMs.push(report.steps.CreateSnapshot?.ms ?? 0);
        const cleanup = await stack.run({ input: { operation: 'cleanup', cloneName } });
        if (cleanup.status !== 'SUCCEEDED') throw new Error('cleanup failed');
      }
      rows.push(
        `| ${pollSeconds} s | ${runs} | ${median(ready)} | ${Math.min(...ready)}–${Math.max(...ready)} | ${median(snapshotMs)} | ${median(checks)} | ${median(calls)} |`,
      );
    }
  } finally {
    await stack.stop();
    await proxy.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(stateDir, { recursive: true, force: true });
  }
  console.log(
    '| Wait between checks | Runs | Snapshot → online, median ms | min–max ms | CreateSnapshot ms | CheckOnline invocations | ONTAP requests per run |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
};

await main();
