import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { makeTempDir } from '@fsxn/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { bgzfCompress, generateBam, generateFastq, generateVcf, HUMAN_REFERENCES } from '../../samples';
import {
  analyzeFastqStream,
  analyzeVcfStream,
  FastqAccumulator,
  readBamHeader,
  VcfAccumulator,
} from '../../src/domain';
import { chunked, rangeReader } from './helpers';

const has = (tool: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const run = (tool: string, args: string[]) =>
  execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });

let dir = '';
beforeAll(async () => {
  dir = await makeTempDir('uc07-crosscheck-');
});

describe.skipIf(!has('seqtk'))('FASTQ statistics agree with seqtk (Debian package seqtk)', () => {
  it('on the same plain and gzip files: counts, composition, lengths, mean quality, Q20/Q30', async () => {
    const { text } = generateFastq({ reads: 2500, seed: 31, minLength: 35, maxLength: 151, nFraction: 0.01 });
    const plainPath = join(dir, 'x.fastq');
    const gzPath = join(dir, 'x.fastq.gz');
    await writeFile(plainPath, text);
    await writeFile(gzPath, gzipSync(text));
    const { stats } = await analyzeFastqStream(chunked(gzipSync(text), [65536]), new FastqAccumulator());

    // seqtk comp: name, length, #A, #C, #G, #T, #2, #3, #4 (N), … per read.
    const comp = run('seqtk', ['comp', gzPath])
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    const col = (i: number) => comp.reduce((n, c) => n + Number(c[i]), 0);
    expect(comp).toHaveLength(stats.reads);
    expect(col(1)).toBe(stats.bases);
    expect([col(2), col(3), col(4), col(5), col(8)]).toEqual([
      stats.baseCounts.A,
      stats.baseCounts.C,
      stats.baseCounts.G,
      stats.baseCounts.T,
      stats.baseCounts.N,
    ]);

    for (const [threshold, ours] of [
      [20, stats.q20Percent],
      [30, stats.q30Percent],
    ] as const) {
      const out = run('seqtk', ['fqchk', '-q', String(threshold), plainPath]).split('\n');
      const lengths = /min_len: (\d+); max_len: (\d+)/.exec(out[0] ?? '');
      expect([Number(lengths?.[1]), Number(lengths?.[2])]).toEqual([stats.length.min, stats.length.max]);
      const all = (out.find((l) => l.startsWith('ALL')) ?? '').split('\t');
      // ALL row: #bases %A %C %G %T %N avgQ errQ %low %high (one decimal).
      expect(Number(all[1])).toBe(stats.bases);
      expect(Math.abs(Number(all[7]) - (stats.meanQuality ?? -1))).toBeLessThanOrEqual(0.05);
      expect(Math.abs(Number(all[10]) - (ours ?? -1))).toBeLessThanOrEqual(0.05);
      expect(Math.abs(Number(all[6]) - (stats.nRatePercent ?? -1))).toBeLessThanOrEqual(0.05);
    }
  });
});

describe.skipIf(!has('bcftools'))('VCF statistics agree with bcftools stats (Debian package bcftools)', () => {
  const sn = (out: string) =>
    Object.fromEntries(
      out
        .split('\n')
        .filter((l) => l.startsWith('SN\t'))
        .map((l) => {
          const [, , key = '', value = ''] = l.split('\t');
          return [key.replace(/:$/, ''), Number(value)];
        }),
    );

  it('on the same plain and bgzip-compatible BGZF file: records, types, multi-allelic sites, Ti/Tv', async () => {
    const { text } = generateVcf({ seed: 32, snvRecords: 400 });
    const path = join(dir, 'x.vcf.gz');
    await writeFile(path, bgzfCompress(Buffer.from(text)));
    const { stats } = await analyzeVcfStream(chunked(bgzfCompress(Buffer.from(text))), new VcfAccumulator());
    const out = run('bcftools', ['stats', path]);
    const s = sn(out);
    expect(s['number of samples']).toBe(stats.samples.length);
    expect(s['number of records']).toBe(stats.records);
    expect(s['number of no-ALTs']).toBe(stats.noAltRecords);
    expect(s['number of SNPs']).toBe(stats.snvRecords);
    expect(s['number of MNPs']).toBe(stats.alleles.mnv);
    // bcftools: indels are pure insertions/deletions; complex indels and symbolic alleles are "others".
    expect(s['number of indels']).toBe(stats.alleles.insertion + stats.alleles.deletion);
    const symbolic = Object.values(stats.alleles.symbolic).reduce((a, b) => a + b, 0);
    expect(s['number of others']).toBe(stats.alleles.complex + symbolic);
    expect(s['number of multiallelic sites']).toBe(stats.multiallelicRecords);
    const tstv = (out.split('\n').find((l) => l.startsWith('TSTV\t')) ?? '').split('\t');
    expect([Number(tstv[2]), Number(tstv[3])]).toEqual([stats.transitions, stats.transversions]);
  });

  it('per-sample genotype counts match PSC on an SNV-only file', async () => {
    const { text } = generateVcf({ seed: 33, snvRecords: 300, everyKind: false });
    const path = join(dir, 'snv.vcf');
    await writeFile(path, text);
    const { stats } = await analyzeVcfStream(chunked(Buffer.from(text)), new VcfAccumulator());
    const psc = run('bcftools', ['stats', '-s', '-', path])
      .split('\n')
      .filter((l) => l.startsWith('PSC\t'))
      .map((l) => l.split('\t'));
    // PSC: id, sample, nRefHom, nNonRefHom, nHets, …, nMissing (column 14).
    expect(
      psc.map((c) => ({
        sample: c[2],
        homRef: Number(c[3]),
        homAlt: Number(c[4]),
        het: Number(c[5]),
        missing: Number(c[13]),
      })),
    ).toEqual(
      stats.genotypes.map(({ sample, homRef, homAlt, het, missing }) => ({ sample, homRef, homAlt, het, missing })),
    );
  });
});

describe.skipIf(!has('samtools'))('BAM header agrees with samtools view -H (Debian package samtools)', () => {
  it('on the same file: @SQ names and lengths, @RG ids and samples, and the file is a valid BAM', async () => {
    const bam = generateBam({
      references: HUMAN_REFERENCES,
      readGroups: [
        { id: 'lane1', sample: 'NA12878', platform: 'ILLUMINA' },
        { id: 'lane2', sample: 'NA12878', library: 'lib2' },
      ],
      unmappedReads: 500,
    });
    const path = join(dir, 'x.bam');
    await writeFile(path, bam);
    const header = await readBamHeader(rangeReader(bam).read, bam.length);
    const lines = run('samtools', ['view', '-H', '--no-PG', path]).trim().split('\n');
    const field = (line: string, tag: string) =>
      line
        .split('\t')
        .find((f) => f.startsWith(`${tag}:`))
        ?.slice(3);
    const sq = lines
      .filter((l) => l.startsWith('@SQ'))
      .map((l) => ({ name: field(l, 'SN'), length: Number(field(l, 'LN')) }));
    const rg = lines.filter((l) => l.startsWith('@RG')).map((l) => ({ id: field(l, 'ID'), sample: field(l, 'SM') }));
    expect(header.references).toEqual(sq);
    expect(header.text.readGroups.map(({ id, sample }) => ({ id, sample }))).toEqual(rg);
    expect(run('samtools', ['view', '-c', path]).trim()).toBe('500');
    expect(header.eofMarker).toBe(true);
  });
});
