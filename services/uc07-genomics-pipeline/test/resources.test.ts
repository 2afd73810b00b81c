import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glueTableCfn } from '@fsxn/analytics';
import { reviewApiHttpEvents, reviewTableCfn } from '@fsxn/human-review';
import { idempotencyTableCfn } from '@fsxn/lambda-kit';
import { lineageTableCfn } from '@fsxn/lineage';
import { parseCfnYaml } from '@fsxn/local-stack';
import { describe, expect, it } from 'vitest';
import { qcTable, variantTable } from '../src/tables';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const resources = async () =>
  parseCfnYaml(await readFile(join(serviceDir, 'resources.yml'), 'utf8')) as Record<
    string,
    { Properties: Record<string, unknown> }
  >;

describe('resources.yml', () => {
  it('declares the DynamoDB tables exactly as the packages that use them define them', async () => {
    const r = await resources();
    const withoutName = ({ TableName: _name, ...props }: Record<string, unknown>) => props;
    expect(r.IdempotencyTable?.Properties).toEqual(withoutName(idempotencyTableCfn('x')));
    expect(r.ReviewTable?.Properties).toEqual(withoutName(reviewTableCfn({})));
    expect(r.LineageTable?.Properties).toEqual(withoutName(lineageTableCfn({})));
  });

  it('declares the Glue tables Athena queries exactly as the DuckDB views are built', async () => {
    const r = await resources();
    for (const [id, table] of [
      ['QcMetricsGlueTable', qcTable()],
      ['VariantStatsGlueTable', variantTable()],
    ] as const) {
      expect(r[id]?.Properties).toEqual(
        glueTableCfn(table, {
          databaseRef: { Ref: 'GenomicsDatabase' },
          locationUri: { 'Fn::Sub': `s3://\${AnalyticsBucket}/${table.location.prefix}` },
        }),
      );
    }
  });

  it('routes the review API exactly as @fsxn/human-review serves it', async () => {
    const service = parseCfnYaml(await readFile(join(serviceDir, 'serverless.yml'), 'utf8')) as {
      functions: Record<string, { events?: unknown[] }>;
    };
    expect(service.functions.reviewApi?.events).toEqual(reviewApiHttpEvents());
  });
});
