import type { SqlRow } from '@fsxn/analytics';

export interface AnalyticsFacts {
  qcSummary: SqlRow | undefined;
  gcOutliers: SqlRow[];
  lowQuality: SqlRow[];
  variantSummary: SqlRow | undefined;
}

const fmt = (value: unknown, digits = 2) =>
  typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(digits)) : 'n/a';

/**
 * The facts the research summary is written from, as plain sentences: Bedrock is asked to summarise
 * them, the local extractive summariser picks the most informative ones. Nothing else reaches the model.
 */
export const factSentences = (
  facts: AnalyticsFacts,
  bounds: { gcLow: number; gcHigh: number; passQuality: number },
) => {
  const s: string[] = [];
  const qc = facts.qcSummary;
  if (qc && Number(qc.samples) > 0) {
    s.push(
      `Quality control covered ${fmt(qc.samples)} FASTQ samples with mean base quality ${fmt(qc.avg_quality)} (range ${fmt(qc.min_quality)} to ${fmt(qc.max_quality)}).`,
      `Average GC content was ${fmt(qc.avg_gc_percentage)} percent and ${fmt(qc.gc_outliers)} samples fell outside ${bounds.gcLow} to ${bounds.gcHigh} percent GC.`,
    );
  } else {
    s.push('No FASTQ quality-control results were released in this archive yet.');
  }
  for (const row of facts.gcOutliers.slice(0, 10)) {
    s.push(
      `Sample ${String(row.sample_id)} has ${String(row.direction).toLowerCase()} GC content of ${fmt(row.gc_content_percentage)} percent.`,
    );
  }
  for (const row of facts.lowQuality.slice(0, 10)) {
    s.push(
      `Sample ${String(row.sample_id)} is below the quality threshold of ${bounds.passQuality} with mean quality ${fmt(row.average_quality_score)}.`,
    );
  }
  const v = facts.variantSummary;
  if (v && Number(v.files) > 0) {
    s.push(
      `Variant calling covered ${fmt(v.files)} VCF files with ${fmt(v.records)} records, ${fmt(v.snv)} single-nucleotide variants and ${fmt(v.indels)} indels.`,
      `The mean transition to transversion ratio was ${fmt(v.avg_ti_tv)} and the mean PASS rate ${fmt(typeof v.avg_pass_rate === 'number' ? v.avg_pass_rate * 100 : null)} percent.`,
    );
  }
  return s;
};

export const SUMMARY_SYSTEM_PROMPT =
  'You summarise genomics quality-control and variant statistics for a research team. Use only the facts given. ' +
  'Name samples that need attention and why. Do not speculate about diagnoses.';
