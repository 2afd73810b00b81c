import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../src/errors';
import { createLogger, REDACTION_CENSOR } from '../src/logger';

/** A pino destination that keeps every byte written. */
const collector = () => {
  const chunks: string[] = [];
  return {
    stream: { write: (chunk: string) => void chunks.push(chunk) },
    text: () => chunks.join(''),
    records: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
};

const SECRET = 'S3cr3t-VALUE-do-not-log';

describe('createLogger', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('writes JSON lines with service, level word and ISO time', () => {
    const out = collector();
    createLogger({ service: 'uc01', destination: out.stream, env: {} }).info({ files: 3 }, 'discovered');
    const [record] = out.records();
    expect(record).toMatchObject({ service: 'uc01', level: 'info', msg: 'discovered', files: 3 });
    expect(typeof record?.time).toBe('string');
    expect(Number.isNaN(Date.parse(String(record?.time)))).toBe(false);
  });

  it('never writes secret values found in the redacted fields', () => {
    const out = collector();
    const log = createLogger({ service: 'uc01', destination: out.stream, env: {} });
    log.info({ password: SECRET, secret: SECRET, SecretString: SECRET, token: SECRET, taskToken: SECRET }, 'top');
    log.info(
      {
        db: { password: SECRET },
        result: { secretString: SECRET, SecretString: SECRET },
        request: { authorization: SECRET, headers: { authorization: SECRET, Authorization: SECRET } },
        headers: { authorization: SECRET, Authorization: SECRET },
        authorization: SECRET,
        credentials: { accessKeyId: SECRET, secretAccessKey: SECRET },
        client: { credentials: SECRET },
        review: { taskToken: SECRET, token: SECRET },
      },
      'nested',
    );
    log.child({ taskToken: SECRET, password: SECRET }).info('child bindings');
    const text = out.text();
    expect(out.records()).toHaveLength(3);
    expect(text).not.toContain(SECRET);
    expect(text.split(REDACTION_CENSOR).length - 1).toBeGreaterThanOrEqual(20);
  });

  it('keeps the shape of redacted records so they stay searchable', () => {
    const out = collector();
    createLogger({ service: 's', destination: out.stream, env: {} }).info({ db: { password: SECRET, host: 'h' } });
    expect(out.records()[0]?.db).toEqual({ password: REDACTION_CENSOR, host: 'h' });
  });

  it('takes the level from LOG_LEVEL and defaults to info', () => {
    const quiet = collector();
    createLogger({ service: 's', destination: quiet.stream, env: {} }).debug('hidden');
    const verbose = collector();
    createLogger({ service: 's', destination: verbose.stream, env: { LOG_LEVEL: 'DEBUG' } }).debug('shown');
    expect(quiet.records()).toHaveLength(0);
    expect(verbose.records()[0]).toMatchObject({ level: 'debug', msg: 'shown' });
  });

  it('rejects an unknown LOG_LEVEL with a ConfigError naming it', () => {
    expect(() => createLogger({ service: 's', env: { LOG_LEVEL: 'loud' } })).toThrow(ConfigError);
    expect(() => createLogger({ service: 's', env: { LOG_LEVEL: 'loud' } })).toThrow(/LOG_LEVEL/);
  });

  it('appends to LOG_FILE when it is set, creating its directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lambda-kit-log-'));
    dirs.push(dir);
    const file = join(dir, 'nested', 'run.log');
    const env = { LOG_FILE: file };
    createLogger({ service: 'cli-run', env }).info({ password: SECRET }, 'first');
    createLogger({ service: 'cli-run', env }).warn('second');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['first', 'second']);
    expect(readFileSync(file, 'utf8')).not.toContain(SECRET);
  });

  it('serialises errors with their cause chain', () => {
    const out = collector();
    const err = new Error('outer', { cause: new Error('inner cause') });
    createLogger({ service: 's', destination: out.stream, env: {} }).error({ err }, 'failed');
    const text = out.text();
    expect(text).toContain('outer');
    expect(text).toContain('inner cause');
  });
});
