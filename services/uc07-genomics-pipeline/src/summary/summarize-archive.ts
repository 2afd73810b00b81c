import {
  gcOutliersSql,
  lowQualitySamplesSql,
  qcSummarySql,
  type SqlEngine,
  type TableDefinition,
} from '@fsxn/analytics';
import type { InferencePorts } from '@fsxn/inference';
import type { OutputWriter } from '@fsxn/s3ap';
import { summaryKey } from '../outputs';
import { factSentences, SUMMARY_SYSTEM_PROMPT } from '../research-summary';
import { variantSummarySql } from '../tables';
import { type BiomedicalEntities, DEFAULT_MIN_SCORE, extractBiomedicalEntities } from './biomedical-entities';
import {
  type AnnotationReadLimits,
  DEFAULT_ANNOTATION_LIMITS,
  readVcfAnnotations,
  type StreamInput,
} from './read-annotations';

/** The reference summarised at most 10 variant rows; the annotations of that many VCFs are read. */
export const MAX_ANNOTATED_VCFS = 10;

/** Portable SQL (Athena and DuckDB): the most recently released VCFs, newest first. */
export const recentVariantFilesSql = (table: string, limit = MAX_ANNOTATED_VCFS) =>
  `SELECT file_key FROM ${table} ORDER BY processed_at DESC, file_key LIMIT ${Math.max(1, Math.floor(limit))}`;

export interface SummarizeArchiveDeps {
  engine: SqlEngine;
  tables: { qc: TableDefinition; variants: TableDefinition };
  inference: Pick<InferencePorts, 'textGeneration' | 'medicalPhi' | 'medicalEntities'>;
  writer: Pick<OutputWriter, 'putJson'>;
  /** Reads a released VCF from the input access point (its key is the table's `file_key`). */
  readInput: StreamInput;
  bounds: { gcLowPercent: number; gcHighPercent: number; passQuality: number };
  annotationLimits?: AnnotationReadLimits;
  minEntityScore?: number;
  now?: () => Date;
}

/** The step's result: counts and keys only, because it travels through the state machine and the logs. */
export interface ArchiveSummaryResult {
  status: 'ANALYZED';
  summaryKey: string;
  qcSamples: number;
  gcOutliers: number;
  lowQualitySamples: number;
  summaryProvider: string;
  phiEntitiesMasked: number;
  biomedicalEntities: {
    provider: string;
    diseases: number;
    medications: number;
    genes: number;
    variants: number;
    vcfFilesRead: number;
  };
}

/** Replaces each PHI span with its type, from the end so earlier offsets stay valid. */
const maskSpans = (text: string, spans: readonly { beginOffset: number; endOffset: number; type: string }[]) => {
  let masked = text;
  for (const span of [...spans].sort((a, b) => b.beginOffset - a.beginOffset)) {
    masked = `${masked.slice(0, span.beginOffset)}[${span.type}]${masked.slice(span.endOffset)}`;
  }
  return masked;
};

/**
 * The Analyze step over the released rows: QC summary, GC outliers, low-quality samples and a variant
 * summary (same SQL on Athena and DuckDB); a research summary written from those facts (Bedrock Converse
 * in AWS, extractive offline) with the PHI it contains masked; biomedical entities (diseases,
 * medications, genes, variants) found in that summary and in the gene/variant annotations of the most
 * recently released VCFs (Comprehend Medical DetectEntitiesV2 in AWS, the local medical rules offline).
 * Everything goes to `summaries/YYYY/MM/DD/<execution>.json`; the result carries counts only.
 */
export const summarizeArchive = async (
  deps: SummarizeArchiveDeps,
  executionArn: string,
): Promise<ArchiveSummaryResult> => {
  const { qc, variants } = deps.tables;
  const gc = { lowPct: deps.bounds.gcLowPercent, highPct: deps.bounds.gcHighPercent };
  const summary = await deps.engine.query(qcSummarySql({ table: qc, ...gc }));
  const outliers = await deps.engine.query(gcOutliersSql({ table: qc, ...gc }));
  const lowQuality = await deps.engine.query(lowQualitySamplesSql({ table: qc, minQuality: deps.bounds.passQuality }));
  const variantSummary = await deps.engine.query(variantSummarySql(variants.name));
  const recentVcfs = await deps.engine.query(recentVariantFilesSql(variants.name));
  const facts = {
    qcSummary: summary.rows[0],
    gcOutliers: outliers.rows,
    lowQuality: lowQuality.rows,
    variantSummary: variantSummary.rows[0],
  };
  const sentences = factSentences(facts, {
    gcLow: deps.bounds.gcLowPercent,
    gcHigh: deps.bounds.gcHighPercent,
    passQuality: deps.bounds.passQuality,
  });
  const generated = await deps.inference.textGeneration.generate({
    system: SUMMARY_SYSTEM_PROMPT,
    prompt: sentences.join(' '),
    maxTokens: 1024,
    temperature: 0.3,
  });
  const phi = await deps.inference.medicalPhi.detectPhi({ text: generated.text });
  const masked = maskSpans(generated.text, phi.entities);

  const vcfKeys = recentVcfs.rows.flatMap((row) => (typeof row.file_key === 'string' ? [row.file_key] : []));
  const annotations = await readVcfAnnotations(
    vcfKeys,
    deps.readInput,
    deps.annotationLimits ?? DEFAULT_ANNOTATION_LIMITS,
  );
  // The masked summary, then the annotation sentences: one text, one DetectEntitiesV2 call per 20,000 characters.
  const entityText = annotations.text.length > 0 ? `${masked}\n${annotations.text}` : masked;
  const entities: BiomedicalEntities = await extractBiomedicalEntities(
    deps.inference.medicalEntities,
    entityText,
    deps.minEntityScore ?? DEFAULT_MIN_SCORE,
  );

  const key = summaryKey(executionArn, (deps.now ?? (() => new Date()))());
  const written = await deps.writer.putJson(key, {
    executionArn,
    engine: deps.engine.dialect,
    facts,
    summary: { text: masked, provider: generated.provider, modelId: generated.modelId ?? null },
    phiCheck: { provider: phi.provider, entityTypes: phi.entities.map((e) => e.type) },
    biomedicalEntities: {
      ...entities,
      source: { summaryChars: masked.length, vcfFiles: vcfKeys, annotations: annotations.stats },
    },
  });
  return {
    status: 'ANALYZED',
    summaryKey: written.key,
    qcSamples: Number(facts.qcSummary?.samples ?? 0),
    gcOutliers: outliers.rows.length,
    lowQualitySamples: lowQuality.rows.length,
    summaryProvider: generated.provider,
    phiEntitiesMasked: phi.entities.length,
    biomedicalEntities: {
      provider: entities.provider,
      ...entities.distinct,
      vcfFilesRead: annotations.stats.filesRead,
    },
  };
};
