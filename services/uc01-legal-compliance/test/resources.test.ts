// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are serverless/CloudFormation variables, not JS templates
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aclRecordsTable, glueTableCfn } from '@fsxn/analytics';
import { reviewApiHttpEvents, reviewTableCfn } from '@fsxn/human-review';
import { idempotencyTableCfn } from '@fsxn/lambda-kit';
import { lineageTableCfn } from '@fsxn/lineage';
import { parseCfnYaml } from '@fsxn/local-stack';
import { describe, expect, it } from 'vitest';
import { ACL_TABLE_NAME } from '../src/config';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');
type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;
const load = async (file: string) => parseCfnYaml(await readFile(join(serviceDir, file), 'utf8'));

describe('resources.yml', () => {
  it('declares the tables exactly as the packages that use them define them', async () => {
    const resources = (await load('resources.yml')) as Resources;
    const withoutName = ({ TableName: _name, ...props }: Record<string, unknown>) => props;
    expect(resources.IdempotencyTable?.Properties).toEqual(withoutName(idempotencyTableCfn('x')));
    expect(resources.ReviewTable?.Properties).toEqual(withoutName(reviewTableCfn({})));
    expect(resources.LineageTable?.Properties).toEqual(withoutName(lineageTableCfn({})));
  });

  it('declares the Glue table Athena queries with the schema DuckDB reads locally', async () => {
    const resources = (await load('resources.yml')) as Resources;
    const table = aclRecordsTable({ name: ACL_TABLE_NAME, prefix: '${param:outputPrefix}acl-data/' });
    expect(resources.AclRecordsTable?.Properties).toEqual(
      glueTableCfn(table, {
        databaseRef: { Ref: 'AclDatabase' },
        locationUri: { 'Fn::Sub': 's3://${AnalyticsBucket}/${param:outputPrefix}acl-data/' },
      }),
    );
  });

  it('keeps the acl_records rows and the Athena results in the stack-owned analytics bucket', async () => {
    const resources = (await load('resources.yml')) as Resources;
    type Policy = { PolicyDocument: { Statement: { Action: string[]; Resource: unknown[] }[] } };
    const writes = ((resources.WriteAclRecordRole?.Properties.Policies ?? []) as Policy[]).flatMap(
      (p) => p.PolicyDocument.Statement,
    );
    expect(writes).toEqual([
      {
        Effect: 'Allow',
        Action: ['s3:PutObject'],
        Resource: [{ 'Fn::Sub': '${AnalyticsBucket.Arn}/${param:outputPrefix}acl-data/*' }],
      },
    ]);
    expect(resources.AnalyticsBucket?.Type).toBe('AWS::S3::Bucket');
    expect(JSON.stringify(resources.AthenaWorkGroup?.Properties)).toContain('s3://${AnalyticsBucket}/athena-results/');
  });

  it('gives the ONTAP credentials secret to the two VPC functions only, and no S3 data action to them', async () => {
    const resources = (await load('resources.yml')) as Resources;
    type Policy = { PolicyDocument: { Statement: { Action: string[]; Resource: unknown[] }[] } };
    const statementsOf = (role: string) =>
      ((resources[role]?.Properties.Policies ?? []) as Policy[]).flatMap((p) => p.PolicyDocument.Statement);
    const withSecret = Object.keys(resources).filter((id) =>
      resources[id]?.Type === 'AWS::IAM::Role'
        ? statementsOf(id).some((s) => s.Action.includes('secretsmanager:GetSecretValue'))
        : false,
    );
    expect(withSecret.sort()).toEqual(['CollectAclRole', 'ResolveVolumeRole']);
    for (const role of withSecret) {
      expect(statementsOf(role).flatMap((s) => s.Action)).toEqual(['secretsmanager:GetSecretValue']);
      expect(statementsOf(role)[0]?.Resource).toEqual([{ 'Fn::Sub': '${param:ontapCredentialsSecretArn}' }]);
    }
  });
});

describe('serverless.yml', () => {
  it('routes the review API exactly as @fsxn/human-review serves it', async () => {
    const service = (await load('serverless.yml')) as { functions: Record<string, { events?: unknown[] }> };
    expect(service.functions.reviewApi?.events).toEqual(reviewApiHttpEvents());
  });

  it('places exactly the functions that call the ONTAP management API in the VPC', async () => {
    const service = (await load('serverless.yml')) as {
      functions: Record<string, { vpc?: unknown; environment?: unknown }>;
    };
    const inVpc = Object.entries(service.functions)
      .filter(([, fn]) => fn.vpc !== undefined)
      .map(([name]) => name);
    expect(inVpc.sort()).toEqual(['collectAcl', 'resolveVolume']);
    for (const name of inVpc) {
      expect(service.functions[name]?.vpc).toBe('${self:custom.ontapVpc}');
      expect(service.functions[name]?.environment).toBe('${self:custom.ontapEnvironment}');
    }
  });
});
