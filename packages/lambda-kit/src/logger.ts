import { pino } from 'pino';
import type { EnvSource } from './config';
import { ConfigError } from './errors';

export type Logger = pino.Logger;

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
type Level = (typeof LEVELS)[number];

/**
 * Fields whose values are secrets wherever they appear in a log record. Task tokens are bearer
 * credentials: whoever holds one can complete the paused execution.
 */
export const REDACTED_PATHS: readonly string[] = [
  'password',
  '*.password',
  'secret',
  '*.secret',
  'secretString',
  '*.secretString',
  'SecretString',
  '*.SecretString',
  'authorization',
  '*.authorization',
  'Authorization',
  '*.Authorization',
  'headers.authorization',
  'headers.Authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'credentials',
  '*.credentials',
  'token',
  '*.token',
  'taskToken',
  '*.taskToken',
  'TaskToken',
  '*.TaskToken',
];

export const REDACTION_CENSOR = '[REDACTED]';

export interface CreateLoggerOptions {
  service: string;
  /** Overrides `LOG_LEVEL`. */
  level?: Level;
  /** Where records go; overrides `LOG_FILE`. Tests pass a stream that collects the bytes. */
  destination?: pino.DestinationStream;
  env?: EnvSource;
}

/**
 * The base logger of a function: JSON lines with an ISO time, the level as a word and `service`.
 * Level from `LOG_LEVEL` (default `info`). With `LOG_FILE` set records are appended to that file
 * (the local runner sets it so the CLI's progress display stays readable), otherwise they go to stdout.
 * Writes are synchronous so nothing is lost when Lambda freezes the process after a response.
 */
export const createLogger = (options: CreateLoggerOptions): Logger => {
  const env = options.env ?? process.env;
  const level = options.level ?? parseLevel(env.LOG_LEVEL);
  const destination =
    options.destination ??
    (env.LOG_FILE
      ? pino.destination({ dest: env.LOG_FILE, sync: true, mkdir: true, append: true })
      : pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: pino.stdSerializers.errWithCause },
      redact: { paths: [...REDACTED_PATHS], censor: REDACTION_CENSOR },
    },
    destination,
  );
};

const isLevel = (value: string): value is Level => (LEVELS as readonly string[]).includes(value);

const parseLevel = (raw: string | undefined): Level => {
  if (raw === undefined || raw === '') return 'info';
  const level = raw.trim().toLowerCase();
  if (isLevel(level)) return level;
  throw new ConfigError(`Invalid configuration (1 problem(s)): LOG_LEVEL must be one of ${LEVELS.join(', ')}`, [
    { variable: 'LOG_LEVEL', message: `must be one of ${LEVELS.join(', ')}` },
  ]);
};
