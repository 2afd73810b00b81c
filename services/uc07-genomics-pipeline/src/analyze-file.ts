import {
  analyzeFastqStream,
  analyzeVcfStream,
  type BamHeaderSummary,
  CompressionError,
  FastqAccumulator,
  type FastqStats,
  GenomicsError,
  type MalformedLine,
  type MalformedRecord,
  readBamHeader,
  type StreamFacts,
  VcfAccumulator,
  type VcfStats,
} from './domain';
import type { GenomicsKind } from './file-kinds';

export interface AnalyzeLimits {
  passQuality: number;
  fastqReadLimit: number;
  maxMalformedRecords: number;
  maxLineBytes: number;
  maxBamHeaderBytes: number;
}

export interface AnalyzeDeps {
  /** Streams the object's body to `consume` (S3AP readStream); the body is never buffered whole. */
  stream: <T>(consume: (body: AsyncIterable<Uint8Array>) => Promise<T>) => Promise<T>;
  readRange: (start: number, endInclusive: number) => Promise<Uint8Array>;
  size: number;
  limits: AnalyzeLimits;
}

/** The numbers a reviewer and the report need, kept small for the state machine payload. */
export type Highlights =
  | {
      kind: 'fastq';
      reads: number;
      bases: number;
      meanQuality: number | null;
      q30Percent: number | null;
      gcPercent: number | null;
      nRatePercent: number | null;
      passFilterRate: number | null;
      /** Mean base quality reached the pass threshold (the sample passes QC). */
      qcPassed: boolean;
      malformed: number;
      sampled: boolean;
    }
  | {
      kind: 'vcf';
      records: number;
      samples: number;
      snv: number;
      mnv: number;
      indels: number;
      other: number;
      tiTv: number | null;
      passRate: number | null;
      malformed: number;
    }
  | { kind: 'bam'; references: number; readGroups: number; samples: string[] };

export type FileDocument =
  | { kind: 'fastq'; stats: FastqStats; stream: StreamFacts }
  | { kind: 'vcf'; stats: VcfStats; stream: StreamFacts }
  | { kind: 'bam'; header: BamHeaderSummary };

export type FileAnalysis =
  | { kind: 'analyzed'; document: FileDocument; highlights: Highlights; bytesRead: number }
  | { kind: 'failed'; reason: string };

const listMalformed = (items: readonly (MalformedRecord | MalformedLine)[]) =>
  items
    .slice(0, 5)
    .map((m) => ('record' in m ? `#${m.record} (line ${m.line}): ${m.problem}` : `line ${m.line}: ${m.problem}`))
    .join('; ');

const fastqOutcome = (stats: FastqStats, stream: StreamFacts, limits: AnalyzeLimits): FileAnalysis => {
  const { count, first } = stats.malformed;
  if (stats.reads === 0) {
    return {
      kind: 'failed',
      reason: `FastqFormatError: no valid FASTQ reads${count ? ` (${count} malformed records: ${listMalformed(first)})` : ''}`,
    };
  }
  if (count > limits.maxMalformedRecords) {
    return {
      kind: 'failed',
      reason: `FastqFormatError: ${count} malformed records (limit ${limits.maxMalformedRecords}): ${listMalformed(first)}`,
    };
  }
  return {
    kind: 'analyzed',
    document: { kind: 'fastq', stats, stream },
    bytesRead: stream.bytesRead,
    highlights: {
      kind: 'fastq',
      reads: stats.reads,
      bases: stats.bases,
      meanQuality: stats.meanQuality,
      q30Percent: stats.q30Percent,
      gcPercent: stats.gcPercent,
      nRatePercent: stats.nRatePercent,
      passFilterRate: stats.passFilterRate,
      qcPassed: stats.meanQuality !== null && stats.meanQuality >= limits.passQuality,
      malformed: count,
      sampled: stats.sampled !== null,
    },
  };
};

const vcfOutcome = (stats: VcfStats, stream: StreamFacts, limits: AnalyzeLimits): FileAnalysis => {
  const { count, first } = stats.malformed;
  if (count > limits.maxMalformedRecords) {
    return {
      kind: 'failed',
      reason: `VcfFormatError: ${count} malformed records (limit ${limits.maxMalformedRecords}): ${listMalformed(first)}`,
    };
  }
  const symbolic = Object.values(stats.alleles.symbolic).reduce((a, b) => a + b, 0);
  return {
    kind: 'analyzed',
    document: { kind: 'vcf', stats, stream },
    bytesRead: stream.bytesRead,
    highlights: {
      kind: 'vcf',
      records: stats.records,
      samples: stats.samples.length,
      snv: stats.alleles.snv,
      mnv: stats.alleles.mnv,
      indels: stats.alleles.insertion + stats.alleles.deletion + stats.alleles.complex,
      other: symbolic + stats.alleles.breakend + stats.alleles.star,
      tiTv: stats.tiTv,
      passRate: stats.filter.passRate,
      malformed: count,
    },
  };
};

const bamOutcome = (header: BamHeaderSummary): FileAnalysis => {
  if (!header.eofMarker) {
    return { kind: 'failed', reason: 'BamFormatError: no BGZF EOF block at the end: the file is truncated' };
  }
  if (header.referenceMismatches.length > 0) {
    return {
      kind: 'failed',
      reason: `BamFormatError: @SQ header lines and the binary reference list disagree: ${header.referenceMismatches.slice(0, 3).join('; ')}`,
    };
  }
  return {
    kind: 'analyzed',
    document: { kind: 'bam', header },
    bytesRead: header.bytesRead,
    highlights: {
      kind: 'bam',
      references: header.references.length,
      readGroups: header.text.readGroups.length,
      samples: [...new Set(header.text.readGroups.flatMap((rg) => (rg.sample ? [rg.sample] : [])))],
    },
  };
};

/**
 * Analyses one genomics file. FASTQ and VCF are streamed (gzip/BGZF decompressed on the fly) and every
 * record counted; BAM headers are read with bounded Range reads. Bad input (a format error, a truncated
 * or corrupt gzip) ends `failed` with a reason and no statistics: partial numbers of a cut-short file
 * are discarded, never staged. Storage faults propagate to the handler.
 */
export const analyzeFile = async (kind: GenomicsKind, deps: AnalyzeDeps): Promise<FileAnalysis> => {
  const { limits } = deps;
  try {
    if (kind === 'fastq') {
      const accumulator = new FastqAccumulator({ passQuality: limits.passQuality, readLimit: limits.fastqReadLimit });
      const { stats, stream } = await deps.stream((body) => analyzeFastqStream(body, accumulator, limits.maxLineBytes));
      return fastqOutcome(stats, stream, limits);
    }
    if (kind === 'vcf') {
      const { stats, stream } = await deps.stream((body) =>
        analyzeVcfStream(body, new VcfAccumulator(), limits.maxLineBytes),
      );
      return vcfOutcome(stats, stream, limits);
    }
    return bamOutcome(await readBamHeader(deps.readRange, deps.size, { maxHeaderBytes: limits.maxBamHeaderBytes }));
  } catch (error) {
    if (!(error instanceof GenomicsError)) throw error;
    const discarded = error instanceof CompressionError ? '; partial statistics discarded' : '';
    return { kind: 'failed', reason: `${error.name}: ${error.message}${discarded}` };
  }
};
