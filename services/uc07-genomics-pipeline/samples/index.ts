import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateBam } from './bam';
import { bgzfCompress } from './bgzf-writer';
import { generateFastq, malformedFastq } from './fastq';
import { generateVcf, notVcfButNamedVcf, type VcfSpec } from './vcf';

export * from './bam';
export * from './bgzf-writer';
export * from './fastq';
export * from './prng';
export * from './vcf';
export * from './vcf-annotations';

export const HUMAN_REFERENCES = [
  { name: 'chr1', length: 248_956_422 },
  { name: 'chr2', length: 242_193_529 },
  { name: 'chrM', length: 16_569 },
] as const;

export interface GenomicsSampleSet {
  /** Key → what it is; keys are relative to the volume root. */
  valid: string[];
  malformed: string;
  truncated: string;
  notVcf: string;
  files: number;
  bytes: number;
}

/** The demo VCFs: the trio carries SnpEff `ANN` annotations, the cohort Ensembl VEP `CSQ` ones. */
export const TRIO_VCF: VcfSpec = { seed: 4, snvRecords: 500, annotations: 'snpeff' };
export const COHORT_VCF: VcfSpec = { seed: 3, snvRecords: 200, annotations: 'vep' };

/** A gzip file cut in the middle of its member: what an interrupted copy leaves behind. */
export const truncatedGzip = (text: string): Buffer => {
  const full = gzipSync(Buffer.from(text));
  return full.subarray(0, Math.floor(full.length * 0.6));
};

/**
 * The demo set under `genomics/`: FASTQ plain and gzip, VCF plain and BGZF (both with gene annotations), a BAM with its header and
 * unmapped reads, a FASTQ with malformed records, a truncated `.fastq.gz` and a CSV named `.vcf`.
 */
export const writeGenomicsSamples = async (
  dir: string,
  options: { reads?: number } = {},
): Promise<GenomicsSampleSet> => {
  const reads = options.reads ?? 2000;
  const files: Record<string, Uint8Array> = {
    'genomics/run1/sample-a_R1.fastq': Buffer.from(generateFastq({ reads, seed: 1 }).text),
    'genomics/run1/sample-b_R1.fastq.gz': gzipSync(generateFastq({ reads, seed: 2, gcFraction: 0.75 }).text),
    'genomics/variants/cohort.vcf': Buffer.from(generateVcf(COHORT_VCF).text),
    'genomics/variants/trio.vcf.gz': bgzfCompress(Buffer.from(generateVcf(TRIO_VCF).text)),
    'genomics/aligned/sample-a.bam': generateBam({
      references: HUMAN_REFERENCES,
      readGroups: [{ id: 'rg1', sample: 'sample-a', platform: 'ILLUMINA', library: 'lib1' }],
      unmappedReads: 200,
    }),
  };
  const bad: Record<string, Uint8Array> = {
    'genomics/incoming/broken-records.fastq': Buffer.from(malformedFastq().text),
    'genomics/incoming/interrupted.fastq.gz': truncatedGzip(generateFastq({ reads: 500, seed: 5 }).text),
    'genomics/incoming/export.vcf': Buffer.from(notVcfButNamedVcf()),
  };
  let bytes = 0;
  for (const [key, body] of Object.entries({ ...files, ...bad })) {
    await mkdir(dirname(join(dir, key)), { recursive: true });
    await writeFile(join(dir, key), body);
    bytes += body.length;
  }
  return {
    valid: Object.keys(files),
    malformed: 'genomics/incoming/broken-records.fastq',
    truncated: 'genomics/incoming/interrupted.fastq.gz',
    notVcf: 'genomics/incoming/export.vcf',
    files: Object.keys(files).length + Object.keys(bad).length,
    bytes,
  };
};
