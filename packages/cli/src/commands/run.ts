import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type RunEvent, readStackState, type SampleSummary, startServiceStack } from '@fsxn/local-stack';
import { CliError, type CliIo } from '../io';
import { progressReporter } from '../progress';
import { resolveServiceDir, stateRoot } from '../repo';
import { StackReviews } from '../review-client';
import { reviewGateHandler } from '../review-gates';
import { buildRunReport, formatRunReport, type RunReportJson } from '../run-report';

export const RUN_HELP = `Usage: fsxn run <service> --data <dir> [options]

Runs a service's state machine on the embedded local stack over your own directory (no copy).
Outputs go under the service's output prefix inside that directory; inputs are never overwritten.

Options:
  --data <dir>             directory served as the input access point (required)
  --json                   print only the run report JSON on stdout (everything else on stderr)
  --review-as <id>         at a review gate, record the reviewer's approval as <id>
  --approve-as <id>        ... and the final approval as <id> (must differ from --review-as;
                           both are required together: reviewer and approver are separate duties)
  --param k=v              \${param:k} value (repeatable)
  --service-dir <dir>      run the service in <dir> instead of services/<service>
  --retry-delay-ms <n>     replace every Retry interval with <n> ms (quick local iterations)
  -h, --help               this help
`;

export interface RunCommandOptions {
  serviceDir: string;
  dataDir: string;
  json: boolean;
  params: Record<string, string>;
  reviewAs?: string;
  approveAs?: string;
  retryDelayMs?: number;
  /** Demo only: NTFS security of the sample files for the ONTAP simulator (from `generateSamples`). */
  ontapFileSecurity?: SampleSummary['ontapFileSecurity'];
}

export const parseParams = (values: readonly string[] | undefined): Record<string, string> => {
  const params: Record<string, string> = {};
  for (const pair of values ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError(`--param expects k=v, got "${pair}"`);
    params[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return params;
};

export const checkIdentities = (reviewAs: string | undefined, approveAs: string | undefined) => {
  if ((reviewAs === undefined) !== (approveAs === undefined)) {
    throw new CliError('--review-as and --approve-as go together (separation of duties needs two people)');
  }
  if (reviewAs !== undefined && reviewAs === approveAs) {
    throw new CliError('--review-as and --approve-as must be different identities');
  }
};

/** Starts the stack, runs the state machine, handles review gates, prints the report; returns the exit code. */
export const runService = async (
  io: CliIo,
  options: RunCommandOptions,
): Promise<{ code: number; report: RunReportJson }> => {
  if (!existsSync(options.dataDir)) throw new CliError(`--data ${options.dataDir} does not exist`);
  const root = stateRoot();
  const stack = await startServiceStack({
    serviceDir: options.serviceDir,
    dataDir: options.dataDir,
    params: options.params,
    stateRootDir: root,
    ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
    ...(options.ontapFileSecurity ? { ontapFileSecurity: options.ontapFileSecurity } : {}),
    notifier: (m) =>
      io.err(
        `[notification] ${m.Subject ?? ''}\n${typeof m.Message === 'string' ? m.Message : JSON.stringify(m.Message)}\n`,
      ),
  });
  const events: RunEvent[] = [];
  const progress = progressReporter(io);
  const reviews = new StackReviews(await readStackState(root));
  const gates = reviewGateHandler(io, reviews, options, () => progress.pause());
  try {
    const result = await stack.run({
      onEvent: (event) => {
        events.push(event);
        progress.onEvent(event);
        if (event.type === 'waiting-for-task-token') gates.onGate();
      },
    });
    await gates.settle();
    progress.pause();
    const report = buildRunReport({
      service: stack.service.service,
      dataDir: stack.info.dataDir,
      outputPrefix: stack.info.outputPrefix,
      result,
      events,
    });
    if (options.json) {
      io.err(formatRunReport(report));
      io.out(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      io.out(formatRunReport(report));
    }
    return { code: result.status === 'SUCCEEDED' ? 0 : 1, report };
  } finally {
    reviews.close();
    await stack.stop();
  }
};

export const runCommand = async (io: CliIo, argv: string[]): Promise<number> => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
      'review-as': { type: 'string' },
      'approve-as': { type: 'string' },
      param: { type: 'string', multiple: true },
      'service-dir': { type: 'string' },
      'retry-delay-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(RUN_HELP);
    return 0;
  }
  const [name] = positionals;
  if (!values.data) throw new CliError(`--data <dir> is required\n\n${RUN_HELP}`);
  if (!name && !values['service-dir']) throw new CliError(`Which service? \n\n${RUN_HELP}`);
  checkIdentities(values['review-as'], values['approve-as']);
  const serviceDir = values['service-dir'] ? resolve(values['service-dir']) : resolveServiceDir(name ?? '');
  const delay = values['retry-delay-ms'] === undefined ? undefined : Number(values['retry-delay-ms']);
  if (delay !== undefined && !(Number.isInteger(delay) && delay >= 0))
    throw new CliError('--retry-delay-ms must be a whole number');
  const { code } = await runService(io, {
    serviceDir,
    dataDir: resolve(values.data),
    json: values.json,
    params: parseParams(values.param),
    ...(values['review-as'] ? { reviewAs: values['review-as'] } : {}),
    ...(values['approve-as'] ? { approveAs: values['approve-as'] } : {}),
    ...(delay !== undefined ? { retryDelayMs: delay } : {}),
  });
  return code;
};
