export type GenomicsKind = 'fastq' | 'vcf' | 'bam';

const SUFFIXES: readonly [string, GenomicsKind][] = [
  ['.fastq', 'fastq'],
  ['.fq', 'fastq'],
  ['.fastq.gz', 'fastq'],
  ['.fq.gz', 'fastq'],
  ['.vcf', 'vcf'],
  ['.vcf.gz', 'vcf'],
  ['.vcf.bgz', 'vcf'],
  ['.bam', 'bam'],
];

/** The file kind by name (case-insensitive), or undefined for files UC7 does not process. */
export const kindOf = (key: string): GenomicsKind | undefined => {
  const name = key.toLowerCase();
  return SUFFIXES.find(([suffix]) => name.endsWith(suffix))?.[1];
};

/** The sample a file belongs to, by convention its name without directory and genomics extensions. */
export const sampleIdOf = (key: string): string => {
  const name = key.slice(key.lastIndexOf('/') + 1);
  return name.replace(/\.(fastq|fq|vcf|bam)(\.gz|\.bgz)?$/i, '') || name;
};
