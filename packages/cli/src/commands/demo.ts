import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadServiceDescriptor } from '@fsxn/local-stack';
import { CliError, type CliIo } from '../io';
import { DEMO_SERVICES, resolveServiceDir, stateRoot } from '../repo';
import { checkIdentities, runService } from './run';

export const DEMO_HELP = `Usage: fsxn demo [options]

Generates sample files for the demo services (${DEMO_SERVICES.join(', ')}) into a fresh directory and
runs each service over it on the embedded local stack, then prints the report and the output paths.

Options:
  --data <dir>          where to generate the demo volume (default ./.fsxn/demo-volume); emptied first,
                        kept afterwards so that you can open the outputs
  --review-as <id>      record the reviewer's approval at review gates as <id>
  --approve-as <id>     ... and the final approval as <id> (different person; both or neither);
                        without them the demo stops at each review gate and waits for \`fsxn review\`
  --json                print only the run reports (JSON lines) on stdout
  -h, --help            this help
`;

export const demoCommand = async (io: CliIo, argv: string[]): Promise<number> => {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      'review-as': { type: 'string' },
      'approve-as': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(DEMO_HELP);
    return 0;
  }
  checkIdentities(values['review-as'], values['approve-as']);
  const volume = resolve(values.data ?? join(stateRoot(), '.fsxn', 'demo-volume'));
  let worst = 0;
  const summary: string[] = [];
  for (const name of DEMO_SERVICES) {
    const serviceDir = resolveServiceDir(name);
    const descriptor = await loadServiceDescriptor(serviceDir);
    if (!descriptor.generateSamples)
      throw new CliError(`services/${name}/local.ts has no generateSamples for the demo`);
    const dataDir = join(volume, name);
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
    const samples = await descriptor.generateSamples(dataDir);
    io.err(`\n${name}: generated ${samples.files} files (${samples.bytes} bytes) in ${dataDir}\n`);
    const { code, report } = await runService(io, {
      serviceDir,
      dataDir,
      json: values.json,
      params: {},
      ...(samples.ontapFileSecurity ? { ontapFileSecurity: samples.ontapFileSecurity } : {}),
      ...(values['review-as'] ? { reviewAs: values['review-as'] } : {}),
      ...(values['approve-as'] ? { approveAs: values['approve-as'] } : {}),
    });
    const { discovered, succeeded, failed, skipped } = report.counts;
    const counts =
      discovered === 0
        ? 'no per-file items (see its report above)'
        : `${discovered} discovered = ${succeeded} succeeded + ${failed} failed + ${skipped} skipped`;
    summary.push(`  ${name.padEnd(30)} ${report.status.padEnd(9)} ${counts}`);
    worst = Math.max(worst, code);
  }
  io.err(`\nDemo finished (outputs kept under ${volume}):\n${summary.join('\n')}\n`);
  return worst;
};
