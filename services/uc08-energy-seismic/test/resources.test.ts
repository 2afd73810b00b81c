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
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the osls variable exactly as resources.yml writes it
    const prefix = '${param:outputPrefix}';
    const logicalIds: Record<string, string> = {
      well_readings: 'WellReadingsGlueTable',
      well_anomalies: 'WellAnomaliesGlueTable',
    };
    for (const table of uc08Tables(prefix)) {
      const cfn = glueTableCfn(table, {
        databaseRef: { Ref: 'AnalyticsDatabase' },
        locationUri: { 'Fn::Sub': `s3://\${AnalyticsBucket}/${table.location.prefix}` },
      });
      expect(resources[logicalIds[table.name] ?? '']?.Properties).toEqual({
        ...cfn,
        CatalogId: { Ref: 'AWS::AccountId' },
      });
    }
  });
});
