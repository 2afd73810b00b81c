import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadServiceDescriptor } from '@fsxn/local-stack';
import { CliError, type CliIo } from '../io';
import { DEMO_SERVICES, resolveServiceDir, stateRoot } from '../repo';
import { checkIdentities, runService } from './run';
import { type WatchTriggerMode, watchCommand } from './watch';

const DEFAULT_WATCH_SERVICE = 'uc05-healthcare-dicom';

export const DEMO_HELP = `Usage: fsxn demo [options]
       fsxn demo --watch [--service <name>] [options]

Generates sample files for the demo services (${DEMO_SERVICES.join(', ')}) into a fresh directory and
runs each service over it on the embedded local stack, then prints the report and the output paths.

With --watch, generates the samples of one service (default ${DEFAULT_WATCH_SERVICE}) and runs its EVENT path
until Ctrl-C: a simulated ONTAP FPolicy client watches the directory and sends real FPolicy frames to the
FPolicy server of services/fpolicy-ingestion; each file event that the service's eventBridge rule (from its
serverless.yml) matches starts one execution, one at a time. Only files written after the start are events.

Options:
  --data <dir>          where to generate the demo volume (default ./.fsxn/demo-volume); emptied first,
                        kept afterwards so that you can open the outputs
  --review-as <id>      record the reviewer's approval at review gates as <id>
  --approve-as <id>     ... and the final approval as <id> (different person; both or neither);
                        without them the demo stops at each review gate and waits for \`fsxn review\`
  --json                print only the run reports (JSON lines) on stdout (not with --watch)
  --watch               run the event-driven loop described above
  --service <name>      with --watch: the service to watch (it needs an eventBridge rule)
  --trigger-mode <m>    with --watch: EVENT_DRIVEN (default; every matching event runs) or HYBRID (each
                        file version is processed once, repeats are skipped through the idempotency table)
  -h, --help            this help
`;

/** Empties `<volume>/<name>` and generates the service's sample files into it. */
const prepareDemoVolume = async (io: CliIo, name: string, volume: string) => {
  const serviceDir = resolveServiceDir(name);
  const descriptor = await loadServiceDescriptor(serviceDir);
  if (!descriptor.generateSamples) throw new CliError(`services/${name}/local.ts has no generateSamples for the demo`);
  const dataDir = join(volume, name);
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  const samples = await descriptor.generateSamples(dataDir);
  io.err(`\n${name}: generated ${samples.files} files (${samples.bytes} bytes) in ${dataDir}\n`);
  return { serviceDir, dataDir, samples };
};

const triggerModeOf = (value: string | undefined): WatchTriggerMode => {
  if (value === undefined || value === 'EVENT_DRIVEN' || value === 'HYBRID') return value ?? 'EVENT_DRIVEN';
  throw new CliError(`--trigger-mode must be EVENT_DRIVEN or HYBRID (POLLING has no events to watch), got "${value}"`);
};

export const demoCommand = async (io: CliIo, argv: string[]): Promise<number> => {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      'review-as': { type: 'string' },
      'approve-as': { type: 'string' },
      json: { type: 'boolean', default: false },
      watch: { type: 'boolean', default: false },
      service: { type: 'string' },
      'trigger-mode': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(DEMO_HELP);
    return 0;
  }
  checkIdentities(values['review-as'], values['approve-as']);
  const volume = resolve(values.data ?? join(stateRoot(), '.fsxn', 'demo-volume'));
  if (values.watch) {
    if (values.json) throw new CliError('--json does not go with --watch (the loop prints one line per execution)');
    const triggerMode = triggerModeOf(values['trigger-mode']);
    const { serviceDir, dataDir, samples } = await prepareDemoVolume(
      io,
      values.service ?? DEFAULT_WATCH_SERVICE,
      volume,
    );
    return watchCommand(io, {
      serviceDir,
      dataDir,
      stateRootDir: stateRoot(),
      triggerMode,
      ...(samples.ontapFileSecurity ? { ontapFileSecurity: samples.ontapFileSecurity } : {}),
      ...(values['review-as'] ? { reviewAs: values['review-as'] } : {}),
      ...(values['approve-as'] ? { approveAs: values['approve-as'] } : {}),
    });
  }
  if (values.service !== undefined || values['trigger-mode'] !== undefined) {
    throw new CliError('--service and --trigger-mode go with --watch');
  }
  let worst = 0;
  const summary: string[] = [];
  for (const name of DEMO_SERVICES) {
    const { serviceDir, dataDir, samples } = await prepareDemoVolume(io, name, volume);
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
