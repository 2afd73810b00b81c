import { parseArgs } from 'node:util';
import { formatSizingReport, IngestionConfigError, persistentStoreSizing } from '@fsxn/fpolicy-ingestion';
import { CliError, type CliIo } from '../io';

export const SIZING_HELP = `Usage: fsxn sizing persistent-store --rate <events/s> --outage <s> --drain-rate <events/s> [options]

Sizes the ONTAP FPolicy persistent store (ONTAP 9.14.1+) for an outage of the FPolicy server, and the
time to replay what it buffered (services/fpolicy-ingestion/docs/persistent-store-sizing.md).

Options:
  --rate <events/s>        file operations per second while the server is down
  --outage <s>             how long the server may be down
  --drain-rate <events/s>  events per second the server and its consumers sustain during replay
  --event-bytes <n>        bytes per buffered event (default 500)
  --safety <f>             safety factor (default 2)
  --json                   print the result as JSON
  -h, --help               this help
`;

export const sizingCommand = async (io: CliIo, argv: string[]): Promise<number> => {
  const [what, ...rest] = argv;
  if (what === '--help' || what === '-h') {
    io.out(SIZING_HELP);
    return 0;
  }
  if (what !== 'persistent-store') throw new CliError(`fsxn sizing persistent-store ...\n\n${SIZING_HELP}`);
  const { values } = parseArgs({
    args: rest,
    options: {
      rate: { type: 'string' },
      outage: { type: 'string' },
      'event-bytes': { type: 'string', default: '500' },
      safety: { type: 'string', default: '2' },
      'drain-rate': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(SIZING_HELP);
    return 0;
  }
  if (!values.rate || !values.outage || !values['drain-rate']) {
    throw new CliError(`--rate, --outage and --drain-rate are required\n\n${SIZING_HELP}`);
  }
  const input = {
    rate: Number(values.rate),
    outageSeconds: Number(values.outage),
    eventBytes: Number(values['event-bytes']),
    safety: Number(values.safety),
    drainRate: Number(values['drain-rate']),
  };
  try {
    const sizing = persistentStoreSizing(input);
    io.out(values.json ? `${JSON.stringify(sizing)}\n` : formatSizingReport(input, sizing));
    return 0;
  } catch (error) {
    if (error instanceof IngestionConfigError) throw new CliError(error.message);
    throw error;
  }
};
