import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError, type CliIo } from '../io';
import { findRepoRoot } from '../repo';

export const BENCH_HELP = `Usage: fsxn bench [name]

Runs the benchmark scripts packages/*/bench/*.bench.ts and services/*/bench/*.bench.ts (each a standalone
script, loaded with tsx) and prints their output. With [name], only scripts whose path contains it.
`;

/** Every `<group>/<pkg>/bench/*.bench.ts` of the repo, sorted. */
export const discoverBenches = async (root: string): Promise<string[]> => {
  const found: string[] = [];
  for (const group of ['packages', 'services']) {
    const pkgs = await readdir(join(root, group), { withFileTypes: true }).catch(() => []);
    for (const pkg of pkgs) {
      if (!pkg.isDirectory()) continue;
      const benchDir = join(root, group, pkg.name, 'bench');
      const files = await readdir(benchDir).catch(() => []);
      for (const f of files) if (f.endsWith('.bench.ts')) found.push(join(benchDir, f));
    }
  }
  return found.sort();
};

const runScript = (io: CliIo, file: string): Promise<number> =>
  new Promise((resolve) => {
    // The same loader the CLI runs under, so benchmarks import workspace TypeScript as the CLI does.
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), file], {
      cwd: dirname(dirname(file)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => io.out(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => io.err(chunk.toString()));
    child.on('close', (code) => resolve(code ?? 1));
  });

export const benchCommand = async (io: CliIo, argv: string[]): Promise<number> => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    io.out(BENCH_HELP);
    return 0;
  }
  const root = findRepoRoot();
  if (!root) throw new CliError('Run fsxn bench inside the repository');
  const [filter] = positionals;
  const benches = (await discoverBenches(root)).filter((f) => !filter || f.includes(filter));
  if (benches.length === 0) throw new CliError(filter ? `No benchmark matches "${filter}"` : 'No benchmarks found');
  let failed = 0;
  for (const file of benches) {
    io.out(`\n== ${file.slice(root.length + 1)} (${basename(file)})\n`);
    if ((await runScript(io, file)) !== 0) failed++;
  }
  return failed === 0 ? 0 : 1;
};
