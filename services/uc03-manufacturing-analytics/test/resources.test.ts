import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glueDatabaseCfn, glueTableCfn } from '@fsxn/analytics';
import { idempotencyTableCfn } from '@fsxn/lambda-kit';
import { lineageTableCfn } from '@fsxn/lineage';
import { parseCfnYaml } from '@fsxn/local-stack';
import { describe, expect, it } from 'vitest';
import { sensorTable } from '../src/sensor-anomalies';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('resources.yml', () => {
  const resources = async () =>
    parseCfnYaml(await readFile(join(serviceDir, 'resources.yml'), 'utf8')) as Record<
      string,
      { Properties: Record<string, unknown> }
    >;

  it('declares the tables exactly as the packages that use them define them', async () => {
    const r = await resources();
    const withoutName = ({ TableName: _name, ...props }: Record<string, unknown>) => props;
    expect(r.IdempotencyTable?.Properties).toEqual(withoutName(idempotencyTableCfn('x')));
    expect(r.LineageTable?.Properties).toEqual(withoutName(lineageTableCfn({})));
  });

  it('declares the Glue table from the same definition the DuckDB view and the Parquet writer use', async () => {
    const r = await resources();
    // biome-ignore lint/suspicious/noTemplateCurlyInString: serverless and CloudFormation variables, as in the YAML.
    const expected = glueTableCfn(sensorTable('${param:outputPrefix}'), {
      databaseRef: { Ref: 'AnalyticsDatabase' },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: serverless and CloudFormation variables, as in the YAML.
      locationUri: { 'Fn::Sub': 's3://${AnalyticsBucket}/${param:outputPrefix}parquet/' },
    });
    expect(r.SensorReadingsTable?.Properties).toEqual(expected);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a serverless variable, as in the YAML.
    expect(r.AnalyticsDatabase?.Properties).toEqual(glueDatabaseCfn('fsxn_uc03_manufacturing_${sls:stage}'));
  });

  it('writes the Parquet parts where the Glue table points: the analytics bucket, never an access point alias', async () => {
    const r = await resources();
    type Policy = { PolicyDocument: { Statement: { Action: string[]; Resource: unknown[] }[] } };
    const statements = ((r.TransformCsvRole?.Properties.Policies ?? []) as Policy[]).flatMap(
      (p) => p.PolicyDocument.Statement,
    );
    const parquetWrite = statements.find(
      (st) => st.Action.includes('s3:PutObject') && st.Action.includes('s3:DeleteObject'),
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: serverless and CloudFormation variables, as in the YAML.
    expect(parquetWrite?.Resource).toEqual([{ 'Fn::Sub': '${AnalyticsBucket.Arn}/${param:outputPrefix}parquet/*' }]);
    expect(JSON.stringify(r)).not.toContain('outputAccessPointAlias');
  });
});
