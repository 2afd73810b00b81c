import type { QueryResult, SqlEngine } from '@fsxn/analytics';
import { createInference } from '@fsxn/inference';
import { describe, expect, it } from 'vitest';
import { generateVcf } from '../../samples';
import type { StreamInput } from '../../src/summary/read-annotations';
import { recentVariantFilesSql, summarizeArchive } from '../../src/summary/summarize-archive';
import { qcTable, variantTable } from '../../src/tables';

const ARN = 'arn:aws:states:us-east-1:123456789012:execution:uc07:run-1';
const variants = variantTable();

/** Answers the step's queries by what they select; rows are what DuckDB/Athena would return. */
const engineWith = (vcfKeys: string[]): SqlEngine & { queries: string[] } => {
  const queries: string[] = [];
  const result = (rows: QueryResult['rows']): QueryResult => ({ columns: Object.keys(rows[0] ?? {}), rows });
  return {
    dialect: 'duckdb',
    queries,
    async query(sql) {
      queries.push(sql);
      if (sql === recentVariantFilesSql(variants.name)) return result(vcfKeys.map((file_key) => ({ file_key })));
      if (sql.includes('sum(records)')) return result([{ files: vcfKeys.length, records: 10, snv: 8, indels: 2 }]);
      if (sql.includes('count(')) return result([{ samples: 1, avg_quality: 35.2, gc_outliers: 0 }]);
      return result([]);
    },
  };
};

const run = async (vcfKeys: string[], objects: Record<string, string>) => {
  const written: { key: string; body: Record<string, unknown> }[] = [];
  const read: string[] = [];
  const readInput: StreamInput = async (key, consume) => {
    read.push(key);
    async function* body() {
      yield Buffer.from(objects[key] ?? '');
    }
    return consume(body());
  };
  const engine = engineWith(vcfKeys);
  const result = await summarizeArchive(
    {
      engine,
      tables: { qc: qcTable(), variants },
      inference: createInference({ mode: 'local' }),
      writer: {
        putJson: async (key: string, body: unknown) => {
          written.push({ key, body: body as Record<string, unknown> });
          return { destination: 'access-point' as const, bucket: 'ap', key, etag: 'x', size: 1 };
        },
      },
      readInput,
      bounds: { gcLowPercent: 30, gcHighPercent: 70, passQuality: 20 },
      now: () => new Date('2026-03-04T05:06:07Z'),
    },
    ARN,
  );
  return { result, written, read, engine };
};

describe('the archive summary step', () => {
  it('reads the released VCFs the table names and lists the genes their annotations carry', async () => {
    const { text, truth } = generateVcf({ seed: 5, snvRecords: 20, annotations: 'snpeff' });
    const { result, written, read, engine } = await run(['genomics/a.vcf'], { 'genomics/a.vcf': text });

    expect(engine.queries).toContain(recentVariantFilesSql(variants.name));
    expect(read).toEqual(['genomics/a.vcf']);
    expect(written.map((w) => w.key)).toEqual(['summaries/2026/03/04/run-1.json']);
    const entities = written[0]?.body.biomedicalEntities as { genes: { name: string }[] };
    expect(entities.genes.map((g) => g.name).sort()).toEqual([...truth.annotations.genes].sort());
    expect(result.biomedicalEntities).toEqual({
      provider: 'local:medical-entity-rules',
      diseases: truth.annotations.conditions.length,
      medications: 0,
      genes: truth.annotations.genes.length,
      variants: truth.annotations.hgvs.length + truth.annotations.rsIds.length,
      vcfFilesRead: 1,
    });
    // The result travels through the state machine and the logs: counts, never names.
    for (const gene of truth.annotations.genes) expect(JSON.stringify(result)).not.toContain(gene);
  });

  it('still writes entities from the summary alone when no VCF has been released', async () => {
    const { result, read, written } = await run([], {});
    expect(read).toEqual([]);
    expect(result.biomedicalEntities).toMatchObject({ genes: 0, variants: 0, vcfFilesRead: 0 });
    expect(written[0]?.body.biomedicalEntities).toMatchObject({ genes: [], variants: [] });
  });
});
