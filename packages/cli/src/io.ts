/** Where a command writes: stdout carries results (the JSON report), stderr everything for people. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is an interactive terminal (live progress line). */
  interactive: boolean;
}

export const processIo = (): CliIo => ({
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  interactive: Boolean(process.stderr.isTTY),
});

/** The CLI's one error base: a message meant for the person at the terminal, and an exit code. */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly transient = false;
  constructor(
    message: string,
    readonly exitCode = 2,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}
