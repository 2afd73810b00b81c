import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reviewApiHttpEvents, reviewTableCfn } from '@fsxn/human-review';
import { parseCfnYaml } from '@fsxn/local-stack';
import { describe, expect, it } from 'vitest';
import { auditTableCfn, routingTableCfn } from '../src/tables';

const serviceDir = join(import.meta.dirname, '..');
type Resources = Record<string, { Properties: Record<string, unknown> & { Policies?: unknown } }>;

describe('resources.yml and serverless.yml', () => {
  it('declares the tables exactly as the code that uses them defines them', async () => {
    const resources = parseCfnYaml(await readFile(join(serviceDir, 'resources.yml'), 'utf8')) as Resources;
    const withoutName = ({ TableName: _name, ...props }: Record<string, unknown>) => props;
    expect(resources.RoutingTable?.Properties).toEqual(routingTableCfn());
    expect(resources.RouteAuditTable?.Properties).toEqual(auditTableCfn());
    expect(resources.ReviewTable?.Properties).toEqual(withoutName(reviewTableCfn({})));
  });

  it('puts only the two ONTAP functions (EnsureCaches, OntapHealth) in the VPC', async () => {
    const service = parseCfnYaml(await readFile(join(serviceDir, 'serverless.yml'), 'utf8')) as {
      functions: Record<string, { vpc?: unknown; events?: unknown[] }>;
    };
    const inVpc = Object.entries(service.functions)
      .filter(([, fn]) => fn.vpc !== undefined)
      .map(([name]) => name);
    expect(inVpc).toEqual(['ensureCaches', 'ontapHealth']);
    expect(service.functions.reviewApi?.events).toEqual(reviewApiHttpEvents());
  });

  it('scopes the probe to the access point prefix and gives it read actions only', async () => {
    const text = await readFile(join(serviceDir, 'resources.yml'), 'utf8');
    const probe = JSON.stringify((parseCfnYaml(text) as Resources).ProbeRole?.Properties.Policies);
    expect(probe).toMatch(/accesspoint\/\$\{param:accessPointPrefix\}\*/);
    expect(probe).not.toMatch(/s3:PutObject|s3:DeleteObject|dynamodb:/);
  });
});
