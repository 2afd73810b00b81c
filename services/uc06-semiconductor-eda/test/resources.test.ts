import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glueDatabaseCfn, glueTableCfn, layoutMetadataTable } from '@fsxn/analytics';
import { idempotencyTableCfn } from '@fsxn/lambda-kit';
import { lineageTableCfn } from '@fsxn/lineage';
import { parseCfnYaml } from '@fsxn/local-stack';
import { describe, expect, it } from 'vitest';
import { layoutTableOf } from '../src/runtime';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const resources = async () =>
  parseCfnYaml(await readFile(join(serviceDir, 'resources.yml'), 'utf8')) as Record<
    string,
    { Properties: Record<string, unknown> }
  >;

describe('resources.yml', () => {
  it('declares the tables exactly as the packages that use them define them', async () => {
    const r = await resources();
    const withoutName = ({ TableName: _name, ...props }: Record<string, unknown>) => props;
    expect(r.IdempotencyTable?.Properties).toEqual(withoutName(idempotencyTableCfn('x')));
    expect(r.LineageTable?.Properties).toEqual(withoutName(lineageTableCfn({})));
  });

  it('declares the Glue table Athena queries exactly as @fsxn/analytics defines layout_metadata', async () => {
    const r = await resources();
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an osls variable, resolved at package time.
    expect(r.AnalyticsDatabase?.Properties).toEqual(glueDatabaseCfn('fsxn_uc06_eda_${sls:stage}'));
    const table = layoutMetadataTable({ prefix: 'layout-metadata/' });
    expect(r.LayoutMetadataTable?.Properties).toEqual(
      glueTableCfn(table, {
        databaseRef: { Ref: 'AnalyticsDatabase' },
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub placeholder, not JavaScript.
        locationUri: { 'Fn::Sub': 's3://${AnalyticsBucket}/layout-metadata/' },
      }),
    );
  });

  it('points the handlers at the same table prefix in AWS (bucket) and locally (under the output prefix)', () => {
    const common = {
      INPUT_ACCESS_POINT: 'in',
      OUTPUT_ACCESS_POINT: 'out',
      INPUT_PREFIX: '',
      OUTPUT_PREFIX: 'fsxn-output/uc06/',
      DEPLOYMENT_PROFILE: 'poc' as const,
      TRIGGER_MODE: 'POLLING' as const,
      S3_FORCE_PATH_STYLE: false,
    };
    expect(layoutTableOf({ ...common, ANALYTICS_BUCKET: 'analytics' }).location.prefix).toBe('layout-metadata/');
    expect(layoutTableOf(common).location.prefix).toBe('fsxn-output/uc06/layout-metadata/');
  });
});
