import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCfnYaml } from '@fsxn/local-stack';
import { describe, expect, it } from 'vitest';

const serviceDir = join(import.meta.dirname, '..');
const load = async (file: string) => parseCfnYaml(await readFile(join(serviceDir, file), 'utf8'));

interface Fn {
  handler: string;
  role: string;
  vpc?: unknown;
}
interface State {
  Type: string;
  Resource?: unknown;
  Parameters?: Record<string, unknown>;
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Retry?: { ErrorEquals: string[] }[];
}

const ONTAP_FUNCTIONS = [
  'prepare',
  'createSnapshot',
  'createClone',
  'checkOnline',
  'createShare',
  'cleanup',
  'startSplit',
  'checkSplit',
];

describe('serverless.yml and resources.yml', () => {
  it('puts exactly the ONTAP functions in the VPC, each with its own role declared in resources.yml', async () => {
    const service = (await load('serverless.yml')) as { functions: Record<string, Fn> };
    const resources = (await load('resources.yml')) as Record<string, { Type: string }>;
    const inVpc = Object.entries(service.functions)
      .filter(([, fn]) => fn.vpc !== undefined)
      .map(([name]) => name);
    expect(inVpc.sort()).toEqual([...ONTAP_FUNCTIONS].sort());
    const roles = Object.values(service.functions).map((fn) => fn.role);
    expect(new Set(roles).size).toBe(roles.length);
    for (const role of roles) expect(resources[role]?.Type).toBe('AWS::IAM::Role');
  });
});

describe('statemachine.asl.yml', () => {
  const tasks = async () => {
    const asl = (await load('statemachine.asl.yml')) as { States: Record<string, State> };
    return Object.entries(asl.States).filter(
      ([, s]) => s.Type === 'Task' && JSON.stringify(s.Resource).includes('Arn'),
    );
  };

  it('passes the execution id to every Lambda task and retries transient errors only by name', async () => {
    for (const [name, state] of await tasks()) {
      expect(state.Parameters?.['executionArn.$'], name).toBe('$$.Execution.Id');
      const retried = (state.Retry ?? []).flatMap((r) => r.ErrorEquals);
      expect(retried, name).not.toContain('States.ALL');
      expect(retried, name).not.toContain('PermanentError');
    }
  });

  it('sends every failure after the first ONTAP change to cleanup', async () => {
    const afterChange = [
      'CreateSnapshot',
      'CreateClone',
      'CheckOnline',
      'AttachAccessPoint',
      'ProcessFiles',
      'CreateShare',
    ];
    const byName = Object.fromEntries(await tasks());
    for (const name of afterChange) {
      expect(byName[name]?.Catch?.[0], name).toEqual({
        ErrorEquals: ['States.ALL'],
        ResultPath: '$.error',
        Next: 'CleanupAfterFailure',
      });
    }
  });
});
