/**
 * FC2 on the local stack: end-to-end time of one render job through the deployed state machine (create the
 * FlexCache, prepopulate, read every job file through the cache's access point, delete the cache) with the
 * ONTAP simulator's default job latency (50 ms), and ONTAP calls per run. Prints a markdown table.
 *
 *   pnpm exec tsx services/fc2-dynamic-flexcache-render/bench/fc2.bench.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServiceStack } from '@fsxn/local-stack';
import { LOCAL_JOB_ID } from '../local';
import { writeRenderJob } from '../samples/render-job';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = [
  { frames: 6, frameBytes: 64 * 1024 },
  { frames: 100, frameBytes: 256 * 1024 },
];

interface Report {
  status: string;
  ontapCalls: number;
  counts: { discovered: number };
}

const runOnce = async (size: (typeof SIZES)[number], jobId: string) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'fc2-bench-'));
  const stateDir = await mkdtemp(join(tmpdir(), 'fc2-bench-state-'));
  const job = await writeRenderJob(dataDir, jobId, size);
  const stack = await startServiceStack({ serviceDir, dataDir, stateRootDir: stateDir, notifier: () => undefined });
  try {
    stack.resetS3Stats();
    const started = performance.now();
    const result = await stack.run({
      input: {
        jobId,
        origin: { volume: 'vol1', svm: 'svm1' },
        prepopulate: { dirPaths: [`/jobs/${jobId}/textures`] },
        files: { prefix: job.prefix },
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const report = result.output as Report;
    if (result.status !== 'SUCCEEDED') throw new Error(`run ${result.status}: ${result.error} ${result.cause}`);
    const left = stack.ontap?.state.flexcaches().length ?? -1;
    if (left !== 0) throw new Error(`${left} FlexCache(s) left behind`);
    const stats = stack.s3Stats();
    return {
      files: report.counts.discovered,
      inputBytes: job.bytes,
      seconds,
      ontapCalls: report.ontapCalls,
      getRequests: stats.requests.GetObject ?? 0,
      bytesSent: stats.bytesSent,
    };
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(stateDir, { recursive: true, force: true });
  }
};

const rows: string[] = [];
// Each size gets its own stack, so both use the job id whose cache the descriptor's access point follows.
for (const size of SIZES) {
  const r = await runOnce(size, LOCAL_JOB_ID);
  rows.push(
    `| ${r.files} | ${(r.inputBytes / 1024 / 1024).toFixed(1)} MiB | ${r.seconds.toFixed(2)} s | ${r.ontapCalls} | ${r.getRequests} | ${(r.bytesSent / r.files / 1024).toFixed(1)} KiB |`,
  );
}
console.log('## fc2-dynamic-flexcache-render\n');
console.log(
  '| job files | job bytes | end-to-end (create → read → delete) | ONTAP calls per run | GetObject | S3 bytes per file |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
console.log(
  '\nONTAP simulator default job latency (50 ms); locally the steps poll ONTAP jobs every 10 ms (JOB_POLL_MS) and wait up to 2 s inside CheckCache/CheckPrepopulate, so most ONTAP calls are job polls. Files are read through the access point the stack resolves per request to the FlexCache volume (a link to the origin in the simulator); see README, Local runs.',
);
