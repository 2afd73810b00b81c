import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCfnYaml } from '@fsxn/local-stack';
import { describe, expect, it } from 'vitest';
import { jobTableCfn } from '../src/job-store';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = async (file: string) =>
  parseCfnYaml(await readFile(join(serviceDir, file), 'utf8')) as Record<string, unknown>;

describe('resources.yml and serverless.yml', () => {
  it('declares the job table exactly as the job store defines it', async () => {
    const resources = (await load('resources.yml')) as Record<string, { Properties: unknown }>;
    expect(resources.JobTable?.Properties).toEqual(jobTableCfn());
  });

  it('puts exactly the ONTAP functions in the VPC', async () => {
    const service = (await load('serverless.yml')) as { functions: Record<string, { vpc?: unknown }> };
    const inVpc = Object.entries(service.functions)
      .filter(([, fn]) => fn.vpc !== undefined)
      .map(([name]) => name)
      .sort();
    expect(inVpc).toEqual(['checkCache', 'checkPrepopulate', 'cleanup', 'createCache', 'prepopulate']);
  });
});
