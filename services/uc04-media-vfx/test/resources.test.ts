import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { idempotencyTableCfn } from '@fsxn/lambda-kit';
import { lineageTableCfn } from '@fsxn/lineage';
import { parseCfnYaml } from '@fsxn/local-stack';
import { describe, expect, it } from 'vitest';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('resources.yml', () => {
  it('declares the tables exactly as the packages that use them define them', async () => {
    const resources = parseCfnYaml(await readFile(join(serviceDir, 'resources.yml'), 'utf8')) as Record<
      string,
      { Properties: Record<string, unknown> }
    >;
    const withoutName = ({ TableName: _name, ...props }: Record<string, unknown>) => props;
    expect(resources.IdempotencyTable?.Properties).toEqual(withoutName(idempotencyTableCfn('x')));
    expect(resources.LineageTable?.Properties).toEqual(withoutName(lineageTableCfn({})));
  });
});
