import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOfflineVariables, checkServerlessConfig, parseServerlessYaml } from '../src/index';

const fixture = (name: string) => {
  const text = readFileSync(join(import.meta.dirname, 'fixtures', name, 'serverless.yml'), 'utf8');
  return { text, config: parseServerlessYaml(text, name) };
};

describe('parseServerlessYaml', () => {
  it('reads CloudFormation short forms as their long forms', () => {
    const { config } = fixture('good-service');
    expect(config).toMatchObject({
      provider: { environment: { TABLE: { Ref: 'Table' } } },
      functions: { a: { environment: { ROLE: { 'Fn::GetAtt': ['Role', 'Arn'] } } } },
    });
  });
});

describe('checkServerlessConfig', () => {
  it('accepts a config that follows every rule', () => {
    expect(checkServerlessConfig(fixture('good-service').config, 'good')).toEqual([]);
  });

  it('reports every broken rule with its path', () => {
    expect(checkServerlessConfig(fixture('bad-service').config, 'bad').map((f) => f.path)).toEqual([
      'frameworkVersion',
      'configValidationMode',
      'package.individually',
      'stepFunctions.validate',
      'provider.runtime',
      'functions.a.runtime',
      'plugins',
      'custom.esbuild.bundle',
    ]);
  });
});

describe('checkOfflineVariables', () => {
  it('reports variables that need AWS credentials at package time, not comments or pseudo parameters', () => {
    expect(checkOfflineVariables(fixture('good-service').text, 'good')).toEqual([]);
    expect(checkOfflineVariables(fixture('bad-service').text, 'bad').map((f) => f.path)).toEqual([
      'line 12',
      'line 13',
    ]);
  });
});
