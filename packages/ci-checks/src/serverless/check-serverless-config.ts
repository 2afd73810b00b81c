import type { Finding } from '../findings';
import { isJsonObject } from '../json';

export interface ServerlessConfigRules {
  readonly runtime: string;
}

export const DEFAULT_SERVERLESS_RULES: ServerlessConfigRules = { runtime: 'nodejs22.x' };

const get = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((at, key) => (isJsonObject(at) ? at[key] : undefined), value);

/**
 * serverless.yml hygiene every service follows: exact framework pin, strict config validation, one fully
 * bundled artifact per function, validated state machines, the supported Node.js runtime.
 */
export const checkServerlessConfig = (
  config: unknown,
  subject: string,
  rules: ServerlessConfigRules = DEFAULT_SERVERLESS_RULES,
): Finding[] => {
  const findings: Finding[] = [];
  const fail = (path: string, message: string) =>
    findings.push({ rule: 'serverless-config', severity: 'error', subject, path, message });
  const expectValue = (path: string[], expected: unknown) => {
    const actual = get(config, ...path);
    if (actual !== expected)
      fail(path.join('.'), `must be ${JSON.stringify(expected)}, found ${JSON.stringify(actual)}`);
  };

  const version = get(config, 'frameworkVersion');
  if (typeof version !== 'string' || !/^\d+\.\d+\.\d+$/.test(version)) {
    fail('frameworkVersion', `must pin an exact version such as '4.3.1', found ${JSON.stringify(version)}`);
  }
  expectValue(['configValidationMode'], 'error');
  expectValue(['package', 'individually'], true);
  expectValue(['stepFunctions', 'validate'], true);
  expectValue(['provider', 'runtime'], rules.runtime);
  const functions = get(config, 'functions');
  if (isJsonObject(functions)) {
    for (const [name, fn] of Object.entries(functions)) {
      const runtime = get(fn, 'runtime');
      if (runtime !== undefined && runtime !== rules.runtime) {
        fail(`functions.${name}.runtime`, `must be ${rules.runtime}, found ${JSON.stringify(runtime)}`);
      }
    }
  }
  const plugins = get(config, 'plugins');
  const pluginList = Array.isArray(plugins) ? plugins : get(plugins, 'modules');
  if (!Array.isArray(pluginList) || !pluginList.includes('serverless-esbuild')) {
    fail('plugins', 'must include serverless-esbuild (the one bundler)');
  }
  expectValue(['custom', 'esbuild', 'bundle'], true);
  return findings;
};

/**
 * Variable sources that call AWS while the config is resolved, so `serverless package` fails without
 * credentials (CI has none): `${aws:accountId}` (STS), `${ssm:}`, `${cf:}`, `${s3:}`, `${secretsmanager:}`.
 * Use CloudFormation pseudo parameters (`!Sub '...${AWS::AccountId}...'`) instead: they resolve at deploy time.
 */
const CREDENTIAL_VARIABLES = /\$\{(aws:accountId|ssm:|cf(\([^)]*\))?:|s3:|secretsmanager:)/g;

export const checkOfflineVariables = (text: string, subject: string): Finding[] =>
  text.split('\n').flatMap((line, i) => {
    if (line.trimStart().startsWith('#')) return [];
    return [...line.matchAll(CREDENTIAL_VARIABLES)].map((m) => ({
      rule: 'serverless-offline-package',
      severity: 'error' as const,
      subject,
      path: `line ${i + 1}`,
      message: `\${${m[1]}${m[1]?.endsWith(':') ? '...' : ''}} needs AWS credentials at package time; use a CloudFormation pseudo parameter or a param`,
    }));
  });
