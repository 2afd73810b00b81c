import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glueTableCfn } from '@fsxn/analytics';
import { idempotencyTableCfn } from '@fsxn/lambda-kit';
import { lineageTableCfn } from '@fsxn/lineage';
import { parseCfnYaml } from '@fsxn/local-stack';
import { describe, expect, it } from 'vitest';
import { uc08Tables } from '../src/analytics-tables';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');

type Resources = Record<string, { Properties: Record<string, unknown> }>;

describe('resources.yml', () => {
  it('declares the DynamoDB tables exactly as the packages that use them define them', async () => {
    const resources = parseCfnYaml(await readFile(join(serviceDir, 'resources.yml'), 'utf8')) as Resources;
    const withoutName = ({ TableName: _name, ...props }: Record<string, unknown>) => props;
    expect(resources.IdempotencyTable?.Properties).toEqual(withoutName(idempotencyTableCfn('x')));
    expect(resources.LineageTable?.Properties).toEqual(withoutName(lineageTableCfn({})));
  });

  it('declares the Glue tables as glueTableCfn renders the tables the handlers query', async () => {
    const resources = parseCfnYaml(await readFile(join(serviceDir, 'resources.yml'), 'utf8')) as Resources;
    const [readings, anomalies] = uc08Tables('${param:outputPrefix}');
    const expected = (table: typeof readings, logicalId: string) => {
      const cfn = glueTableCfn(table ?? (uc08Tables('')[0] as NonNullable<typeof readings>), {
        databaseRef: { Ref: 'AnalyticsDatabase' },
        locationUri: { 'Fn::Sub': `s3://\${AnalyticsBucket}/\${param:outputPrefix}analytics/${table?.name}/` },
      });
      return { logicalId, properties: { ...cfn, CatalogId: { Ref: 'AWS::AccountId' } } };
    };
    for (const { logicalId, properties } of [
      expected(readings, 'WellReadingsGlueTable'),
      expected(anomalies, 'WellAnomaliesGlueTable'),
    ]) {
      expect(resources[logicalId]?.Properties).toEqual(properties);
    }
  });
});
