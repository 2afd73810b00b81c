import { BENCH_HELP, benchCommand } from './commands/bench';
import { DEMO_HELP, demoCommand } from './commands/demo';
import { FPOLICY_HELP, fpolicyCommand } from './commands/fpolicy';
import { REVIEW_HELP, reviewCommand } from './commands/review';
import { RUN_HELP, runCommand } from './commands/run';
import { SIZING_HELP, sizingCommand } from './commands/sizing';
import { CliError, type CliIo, processIo } from './io';

export const HELP = `fsxn: try the FSx for ONTAP S3 access point patterns on one machine.

Commands:
  fsxn demo                      generate sample files and run the demo services offline
  fsxn demo --watch              event-driven loop: files dropped in the volume run the service (FPolicy)
  fsxn run <service> --data <d>  run a service over your own directory
  fsxn review list|show|approve|reject   act on the review gates of the running stack
  fsxn bench [name]              run the benchmark scripts
  fsxn fpolicy serve --out <f>   run the FPolicy server alone, events as JSON lines
  fsxn sizing persistent-store   size the ONTAP FPolicy persistent store

\`fsxn <command> --help\` for details.
`;

const COMMANDS: Record<string, { run: (io: CliIo, argv: string[]) => Promise<number>; help: string }> = {
  run: { run: runCommand, help: RUN_HELP },
  demo: { run: demoCommand, help: DEMO_HELP },
  review: { run: reviewCommand, help: REVIEW_HELP },
  bench: { run: benchCommand, help: BENCH_HELP },
  fpolicy: { run: fpolicyCommand, help: FPOLICY_HELP },
  sizing: { run: sizingCommand, help: SIZING_HELP },
};

/** Entry point of bin/fsxn.mjs; returns the process exit code. */
export const main = async (argv: string[], io: CliIo = processIo()): Promise<number> => {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(HELP);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await command.run(io, rest);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`fsxn ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof Error && error.name !== 'Error') {
      // Named errors of our packages carry messages meant for people; anything else gets its stack.
      io.err(`fsxn ${name}: ${error.name}: ${error.message}\n`);
      return 1;
    }
    io.err(`fsxn ${name}: unexpected error\n${error instanceof Error ? error.stack : String(error)}\n`);
    return 1;
  }
};
