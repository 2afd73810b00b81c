import type { Highlights } from './analyze-file';

const num = (value: number | null, digits = 2) => (value === null ? 'n/a' : value.toFixed(digits));

/** What the reviewer reads before deciding: the numbers that matter for releasing these statistics. */
export const reviewSummary = (key: string, sampleId: string, h: Highlights, stagedKey: string): string => {
  const lines = [`${key} (sample ${sampleId})`];
  if (h.kind === 'fastq') {
    lines.push(
      `FASTQ: ${h.reads} reads, ${h.bases} bases${h.sampled ? ' (SAMPLED: first reads only)' : ''}.`,
      `Mean quality ${num(h.meanQuality)}, Q30 ${num(h.q30Percent)} %, GC ${num(h.gcPercent)} %, N ${num(h.nRatePercent, 3)} %.`,
      `Reads passing the quality threshold: ${num(h.passFilterRate === null ? null : h.passFilterRate * 100)} %. Malformed records: ${h.malformed}.`,
    );
  } else if (h.kind === 'vcf') {
    lines.push(
      `VCF: ${h.records} records, ${h.samples} samples.`,
      `Alleles: ${h.snv} SNV, ${h.mnv} MNV, ${h.indels} indel, ${h.other} other; Ti/Tv ${num(h.tiTv)}; PASS rate ${num(h.passRate === null ? null : h.passRate * 100)} %.`,
      `Malformed records: ${h.malformed}. Check clinically significant variants before approving.`,
    );
  } else {
    lines.push(
      `BAM header: ${h.references} references, ${h.readGroups} read groups, samples ${h.samples.join(', ') || 'none named'}.`,
    );
  }
  lines.push(`Staged statistics (under the output prefix): ${stagedKey}.`);
  return lines.join('\n');
};
