/**
 * UC4 on the local stack: frames/s through the whole deployed state machine (discovery, per-frame header
 * parse + pixel sampling, sequence check, report) and S3 bytes read per frame against the frame size.
 * Prints a markdown table.
 *
 *   pnpm exec tsx services/uc04-media-vfx/bench/uc04-media-vfx.bench.ts
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServiceStack } from '@fsxn/local-stack';
import { writeDpx } from '../samples/dpx';
import { type ExrSpec, writeExr } from '../samples/exr';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const FRAMES = 24;
const WIDTH = 960;
const HEIGHT = 540;

/** Deterministic noise over a gradient, so ZIP has real work to do. */
const noisy = (seed: number) => (x: number, y: number, c: string | number) => {
  const h = Math.imul(
    (x * 73856093) ^ (y * 19349663) ^ (seed * 83492791) ^ (typeof c === 'number' ? c : c.charCodeAt(0)),
    2654435761,
  );
  return ((x + y) / (WIDTH + HEIGHT)) * 0.8 + ((h >>> 0) % 1000) / 5000;
};

const rgba = (['R', 'G', 'B', 'A'] as const).map((name) => ({ name, pixelType: 'HALF' as const }));
const rgbFloat = (['R', 'G', 'B'] as const).map((name) => ({ name, pixelType: 'FLOAT' as const }));

const KINDS: { name: string; ext: string; make: (frame: number) => Uint8Array }[] = [
  {
    name: 'EXR ZIP, HALF RGBA',
    ext: 'exr',
    make: (f) =>
      writeExr({ width: WIDTH, height: HEIGHT, channels: rgba, compression: 'ZIP', pixel: noisy(f) } satisfies ExrSpec),
  },
  {
    name: 'EXR NONE, FLOAT RGB',
    ext: 'exr',
    make: (f) => writeExr({ width: WIDTH, height: HEIGHT, channels: rgbFloat, compression: 'NONE', pixel: noisy(f) }),
  },
  {
    name: 'DPX 10-bit RGB',
    ext: 'dpx',
    make: (f) =>
      writeDpx({
        width: WIDTH,
        height: HEIGHT,
        descriptor: 50,
        bitDepth: 10,
        pixel: (x, y, c) => Math.round(noisy(f)(x, y, c) * 1023),
      }),
  },
];

const runOnce = async (kind: (typeof KINDS)[number]) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'uc04-bench-'));
  const stateDir = await mkdtemp(join(tmpdir(), 'uc04-bench-state-'));
  let inputBytes = 0;
  await mkdir(join(dataDir, 'renders'), { recursive: true });
  for (let f = 1; f <= FRAMES; f++) {
    const bytes = kind.make(f);
    inputBytes += bytes.length;
    await writeFile(join(dataDir, 'renders', `bench.${String(1000 + f).padStart(4, '0')}.${kind.ext}`), bytes);
  }
  const stack = await startServiceStack({ serviceDir, dataDir, stateRootDir: stateDir, notifier: () => undefined });
  try {
    stack.resetS3Stats();
    const started = performance.now();
    const result = await stack.run();
    const seconds = (performance.now() - started) / 1000;
    if (result.status !== 'SUCCEEDED') throw new Error(`run ${result.status}: ${result.error} ${result.cause}`);
    const output = result.output as { counts: { succeeded: number } };
    if (output.counts.succeeded !== FRAMES) throw new Error(`${output.counts.succeeded} of ${FRAMES} frames succeeded`);
    const stats = stack.s3Stats();
    return {
      seconds,
      framesPerSecond: FRAMES / seconds,
      inputPerFrame: inputBytes / FRAMES,
      servedPerFrame: stats.bytesSent / FRAMES,
      gets: stats.requests.GetObject ?? 0,
    };
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(stateDir, { recursive: true, force: true });
  }
};

const rows: string[] = [];
for (const kind of KINDS) {
  const r = await runOnce(kind);
  rows.push(
    `| ${kind.name} | ${FRAMES} | ${(r.inputPerFrame / 1024).toFixed(0)} KiB | ${r.seconds.toFixed(2)} s | ${r.framesPerSecond.toFixed(1)} | ${(r.servedPerFrame / 1024).toFixed(1)} KiB (${((100 * r.servedPerFrame) / r.inputPerFrame).toFixed(1)} %) | ${(r.gets / FRAMES).toFixed(1)} |`,
  );
}
console.log(`## uc04-media-vfx (local stack, end to end, ${WIDTH}x${HEIGHT} frames)\n`);
console.log(
  '| frames | count | size per frame | wall time | frames/s | S3 bytes served per frame | GetObject per frame |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const row of rows) console.log(row);
console.log('\nS3 bytes served are response bodies: the Range reads plus the ListObjectsV2 answers of the run.');
