import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { envBoolean, envEnum, envInt, envList, loadConfig } from '../src/config';
import { ConfigError } from '../src/errors';

const schema = z.object({
  TABLE_NAME: z.string().min(1),
  BATCH_SIZE: envInt({ min: 1, max: 1000 }),
  DRY_RUN: envBoolean().default(false),
  TRIGGER_MODE: envEnum(['POLLING', 'EVENT_DRIVEN', 'HYBRID']),
  SUFFIXES: envList().default([]),
  API_SECRET: z.string().min(32),
});

const catchConfigError = (fn: () => unknown): ConfigError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('parses and converts a complete environment', () => {
    const config = loadConfig(schema, {
      TABLE_NAME: 'idem',
      BATCH_SIZE: ' 25 ',
      DRY_RUN: 'TRUE',
      TRIGGER_MODE: 'HYBRID',
      SUFFIXES: '.pdf, .docx,,',
      API_SECRET: 'x'.repeat(32),
      UNRELATED: 'ignored',
    });
    expect(config).toEqual({
      TABLE_NAME: 'idem',
      BATCH_SIZE: 25,
      DRY_RUN: true,
      TRIGGER_MODE: 'HYBRID',
      SUFFIXES: ['.pdf', '.docx'],
      API_SECRET: 'x'.repeat(32),
    });
  });

  it('applies defaults for unset and empty variables', () => {
    const config = loadConfig(schema, {
      TABLE_NAME: 't',
      BATCH_SIZE: '1',
      DRY_RUN: '',
      TRIGGER_MODE: 'POLLING',
      API_SECRET: 's'.repeat(40),
    });
    expect(config.DRY_RUN).toBe(false);
    expect(config.SUFFIXES).toEqual([]);
  });

  it('names every missing or invalid variable in one error', () => {
    const err = catchConfigError(() =>
      loadConfig(schema, { TABLE_NAME: '', BATCH_SIZE: 'ten', DRY_RUN: 'maybe', TRIGGER_MODE: 'polling' }),
    );
    const variables = err.problems.map((p) => p.variable).sort();
    expect(variables).toEqual(['API_SECRET', 'BATCH_SIZE', 'DRY_RUN', 'TABLE_NAME', 'TRIGGER_MODE']);
    for (const variable of variables) expect(err.message).toContain(variable);
    expect(err.problems.find((p) => p.variable === 'TABLE_NAME')?.message).toBe('is required but not set');
    expect(err.problems.find((p) => p.variable === 'BATCH_SIZE')?.message).toBe('must be an integer');
    expect(err.message).toContain('5 problem(s)');
    expect(err.transient).toBe(false);
  });

  it('never puts a variable value into the error', () => {
    const err = catchConfigError(() =>
      loadConfig(schema, {
        TABLE_NAME: 't',
        BATCH_SIZE: '5000',
        TRIGGER_MODE: 'HYBRID',
        API_SECRET: 'short-but-secret-value',
      }),
    );
    expect(err.problems.map((p) => p.variable).sort()).toEqual(['API_SECRET', 'BATCH_SIZE']);
    expect(err.message).not.toContain('short-but-secret-value');
    expect(err.message).not.toContain('5000');
    expect(err.message).toContain('must be <= 1000');
  });

  it('accepts a strict schema when the source holds only its variables', () => {
    const strictSchema = z.object({ A: envInt() }).strict();
    expect(loadConfig(strictSchema, { A: '3' })).toEqual({ A: 3 });
  });

  it('reads process.env when no source is given', () => {
    process.env.LAMBDA_KIT_TEST_VAR = '7';
    try {
      expect(loadConfig(z.object({ LAMBDA_KIT_TEST_VAR: envInt() })).LAMBDA_KIT_TEST_VAR).toBe(7);
    } finally {
      delete process.env.LAMBDA_KIT_TEST_VAR;
    }
  });
});

describe('env helpers', () => {
  it.each([
    ['true', true],
    ['1', true],
    [' True ', true],
    ['false', false],
    ['0', false],
    ['FALSE', false],
  ])('reads boolean %j as %s', (raw, expected) => {
    expect(envBoolean().parse(raw)).toBe(expected);
  });

  it.each(['yes', 'no', '2', 'on'])('rejects boolean %j', (raw) => {
    expect(envBoolean().safeParse(raw).success).toBe(false);
  });

  it.each(['1.5', '1e3', '0x10', '', '9007199254740993'])('rejects integer %j', (raw) => {
    expect(envInt().safeParse(raw).success).toBe(false);
  });

  it('reads any safe integer written in base 10 (property)', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(envInt().parse(String(n))).toBe(n);
      }),
    );
  });

  it('enforces integer bounds', () => {
    expect(envInt({ min: 1 }).safeParse('0').success).toBe(false);
    expect(envInt({ max: 10 }).safeParse('11').success).toBe(false);
    expect(envInt({ min: 1, max: 10 }).parse('10')).toBe(10);
  });

  it('splits a comma list back into its trimmed, non-empty items (property)', () => {
    const item = fc.string({ minLength: 1 }).filter((s) => !s.includes(',') && s.trim() === s && s.length > 0);
    fc.assert(
      fc.property(fc.array(item), (items) => {
        expect(envList().parse(items.join(' , '))).toEqual(items);
      }),
    );
  });

  it('checks each list item with the given schema', () => {
    expect(envList(z.string().startsWith('.')).safeParse('.pdf,docx').success).toBe(false);
    expect(envList(z.string().startsWith('.')).parse('.pdf,.docx')).toEqual(['.pdf', '.docx']);
  });

  it('accepts only the listed enum words', () => {
    const mode = envEnum(['POLLING', 'HYBRID']);
    expect(mode.parse('HYBRID')).toBe('HYBRID');
    expect(mode.safeParse('hybrid').success).toBe(false);
  });
});
