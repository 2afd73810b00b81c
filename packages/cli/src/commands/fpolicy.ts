import { parseArgs } from 'node:util';
import { jsonlSink, startFpolicyServer, staticVolumeResolver } from '@fsxn/fpolicy-ingestion';
import { CliError, type CliIo } from '../io';

export const FPOLICY_HELP = `Usage: fsxn fpolicy serve --out <file.jsonl> [options]

Runs the FPolicy external server (the one services/fpolicy-ingestion deploys) on its own and writes every
file event it produces as one JSON line: for debugging against a real ONTAP or a capture replay.

Options:
  --port <n>               TCP port ONTAP connects to (default 9898)
  --host <addr>            address to listen on (default 127.0.0.1; 0.0.0.0 to accept ONTAP's LIFs)
  --out <file.jsonl>       where events go (required)
  --svm <name>             SVM name recorded in events
  --volume <msid>=<name>   volume name for a VolMsid (repeatable; unknown ones become msid-<n>)
  --sync-verdict <n>       answer SCREEN_REQ with this NotfResp value (synchronous engines)
  -h, --help               this help
`;

/** `fsxn fpolicy serve`: the server with a JSONL sink until Ctrl-C, then a flush and the counters. */
export const fpolicyCommand = async (io: CliIo, argv: string[]): Promise<number> => {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h') {
    io.out(FPOLICY_HELP);
    return 0;
  }
  if (sub !== 'serve') throw new CliError(`fsxn fpolicy serve ...\n\n${FPOLICY_HELP}`);
  const { values } = parseArgs({
    args: rest,
    options: {
      port: { type: 'string', default: '9898' },
      host: { type: 'string', default: '127.0.0.1' },
      out: { type: 'string' },
      svm: { type: 'string' },
      volume: { type: 'string', multiple: true },
      'sync-verdict': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(FPOLICY_HELP);
    return 0;
  }
  if (!values.out) throw new CliError(`--out <file.jsonl> is required\n\n${FPOLICY_HELP}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new CliError(`--port ${values.port} is not a port`);
  const volumes: Record<string, string> = {};
  for (const pair of values.volume ?? []) {
    const [msid, name] = pair.split('=', 2);
    if (!msid || !name) throw new CliError(`--volume expects <msid>=<name>, got "${pair}"`);
    volumes[msid] = name;
  }
  const verdict = values['sync-verdict'] === undefined ? undefined : Number(values['sync-verdict']);
  if (verdict !== undefined && !Number.isInteger(verdict)) throw new CliError('--sync-verdict must be a whole number');
  const say = (fields: object, message: string) => io.err(`${message} ${JSON.stringify(fields)}\n`);
  const server = await startFpolicyServer({
    port,
    host: values.host,
    sink: await jsonlSink(values.out),
    resolveVolume: staticVolumeResolver(volumes),
    ...(values.svm ? { svmName: values.svm } : {}),
    ...(verdict !== undefined ? { engine: 'synchronous' as const, screenVerdict: verdict } : {}),
    log: { debug: () => undefined, info: say, warn: say, error: say },
  });
  io.err(`FPolicy server on ${server.host}:${server.port}; events -> ${values.out} (Ctrl-C to stop)\n`);
  await new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const result = await server.stop();
  io.err(`stopped ${JSON.stringify({ ...result, ...server.stats() })}\n`);
  return result.flushed ? 0 : 1;
};
