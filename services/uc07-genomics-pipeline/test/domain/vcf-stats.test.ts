import { describe, expect, it } from 'vitest';
import { bgzfCompress, generateVcf, notVcfButNamedVcf, truncatedGzip } from '../../samples';
import {
  analyzeVcfStream,
  CompressionError,
  classifyAllele,
  classifyGenotype,
  VcfAccumulator,
  VcfFormatError,
} from '../../src/domain';
import { chunked } from './helpers';

const analyze = (bytes: Uint8Array) => analyzeVcfStream(chunked(bytes, [1000, 3]), new VcfAccumulator());

describe('VCF allele classification', () => {
  it.each([
    ['A', 'G', 'snv'],
    ['ACG', 'ATG', 'snv'],
    ['AC', 'GT', 'mnv'],
    ['A', 'ATG', 'insertion'],
    ['ATG', 'A', 'deletion'],
    ['ATG', 'CA', 'complex'],
    ['A', '*', 'star'],
    ['A', '<DEL>', 'symbolic'],
    ['A', 'A[chr2:100[', 'breakend'],
    ['A', 'A', 'same-as-ref'],
    ['A', 'X', 'invalid'],
  ])('%s>%s is %s', (ref, alt, kind) => {
    expect(classifyAllele(ref, alt).kind).toBe(kind);
  });

  it.each([
    ['0/0', 'homRef', false],
    ['0|1', 'het', true],
    ['1/2', 'het', false],
    ['2|2', 'homAlt', true],
    ['1', 'homAlt', false],
    ['./.', 'missing', false],
    ['.', 'missing', false],
  ])('genotype %s is %s (phased %s)', (gt, kind, phased) => {
    expect(classifyGenotype(gt)).toEqual({ kind, phased });
  });
});

describe('VCF statistics', () => {
  it('counts what the generator wrote, for plain and BGZF input', async () => {
    const { text, truth } = generateVcf({ seed: 21, snvRecords: 300 });
    for (const bytes of [Buffer.from(text), bgzfCompress(Buffer.from(text), 2048)]) {
      const { stats } = await analyze(bytes);
      expect(stats.fileFormat).toBe('VCFv4.2');
      expect(stats.samples).toEqual(truth.samples);
      expect(stats.contigs).toEqual([
        { id: 'chr1', length: 248956422 },
        { id: 'chr2', length: 242193529 },
      ]);
      expect(stats.infoIds).toEqual(['DP', 'END', 'SVTYPE']);
      expect(stats.formatIds).toEqual(['GT', 'DP']);
      expect(stats.records).toBe(truth.records);
      expect(stats.alleles).toEqual({
        snv: truth.snv,
        mnv: truth.mnv,
        insertion: truth.insertion,
        deletion: truth.deletion,
        complex: truth.complex,
        star: truth.star,
        breakend: 0,
        symbolic: truth.symbolic,
        invalid: 0,
        sameAsRef: 0,
      });
      expect(stats.noAltRecords).toBe(truth.noAlt);
      expect(stats.multiallelicRecords).toBe(truth.multiallelic);
      expect([stats.transitions, stats.transversions]).toEqual([truth.transitions, truth.transversions]);
      expect(stats.filter.pass).toBe(truth.pass);
      expect(stats.filter.missing).toBe(truth.filterMissing);
      expect(stats.qual.missing).toBe(truth.qualMissing);
      expect(stats.qual.histogram.reduce((n, b) => n + b.records, 0)).toBe(truth.records - truth.qualMissing);
      expect(Object.fromEntries(stats.genotypes.map(({ sample, ...c }) => [sample, c]))).toEqual(truth.genotypes);
      expect(stats.malformed.count).toBe(0);
    }
  });

  it('hand-checked Ti/Tv, PASS rate and QUAL bins on three records', async () => {
    const text = [
      '##fileformat=VCFv4.3',
      '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
      '1\t10\t.\tA\tG\t5\tPASS\t.',
      '1\t20\t.\tC\tA,T\t35.5\tq10\t.',
      '1\t30\t.\tG\tC\t.\t.\t.',
    ].join('\n');
    const { stats } = await analyze(Buffer.from(text));
    expect(stats.samples).toEqual([]);
    expect([stats.transitions, stats.transversions, stats.tiTv]).toEqual([2, 2, 1]);
    expect(stats.filter).toEqual({ pass: 1, missing: 1, failed: 1, passRate: 0.5 });
    expect(stats.qual.mean).toBe(20.25);
    expect(stats.qual.histogram.filter((b) => b.records > 0)).toEqual([
      { from: 0, to: 10, records: 1 },
      { from: 30, to: 40, records: 1 },
    ]);
  });

  it('counts malformed records by line number', async () => {
    const text = [
      '##fileformat=VCFv4.2',
      '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1',
      '1\t10\t.\tA\tG\t5\tPASS\t.\tGT\t0/1',
      '1\tx\t.\tA\tG\t5\tPASS\t.\tGT\t0/1',
      '1\t30\t.\tA\tG\t5\tPASS\t.\tGT',
      '1\t40\t.\tA\tG\t5\tPASS\t.\tGT\tzz',
    ].join('\n');
    const { stats } = await analyze(Buffer.from(text));
    expect(stats.records).toBe(1);
    expect(stats.malformed.first.map((m) => m.line)).toEqual([4, 5, 6]);
  });

  it('refuses a file that is not VCF, and one without the #CHROM line', async () => {
    await expect(analyze(Buffer.from(notVcfButNamedVcf()))).rejects.toThrow(VcfFormatError);
    await expect(analyze(Buffer.from(notVcfButNamedVcf()))).rejects.toThrow(/^not VCF/);
    await expect(analyze(Buffer.from('##fileformat=VCFv4.2\n##source=x\n'))).rejects.toThrow(/no #CHROM/);
  });

  it('fails a truncated compressed VCF', async () => {
    await expect(analyze(truncatedGzip(generateVcf({ seed: 22, snvRecords: 200 }).text))).rejects.toThrow(
      CompressionError,
    );
  });
});
