import { AthenaClient } from '@aws-sdk/client-athena';
import {
  createEngineFromEnv,
  gcOutliersSql,
  lowQualitySamplesSql,
  qcSummarySql,
  type SqlEngine,
} from '@fsxn/analytics';
import { createInference } from '@fsxn/inference';
import { createHandler, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { z } from 'zod';
import { analyzeConfig, SERVICE_ID } from '../config';
import { summaryKey } from '../outputs';
import { factSentences, SUMMARY_SYSTEM_PROMPT } from '../research-summary';
import { qcTable, variantSummarySql, variantTable } from '../tables';

const config = analyzeConfig();
const writer = outputWriterOf(config, s3Of(config));
const qc = qcTable();
const variants = variantTable();
// Athena over the Glue tables in AWS, DuckDB over the same row files locally (ANALYTICS_ENGINE).
const engine: SqlEngine = createEngineFromEnv(process.env, {
  tables: [qc, variants],
  athenaClient: () => new AthenaClient({}),
});
const inference = createInference({
  mode: config.INFERENCE_MODE,
  comprehendMedicalRegion: config.COMPREHEND_MEDICAL_REGION,
  ...(config.BEDROCK_MODEL_ID ? { textModelId: config.BEDROCK_MODEL_ID } : {}),
});

const eventSchema = z.object({ executionArn: z.string().min(1) });

/**
 * After every file is reviewed: QC summary, GC outliers and low-quality samples (the @fsxn/analytics UC7
 * queries) and a variant summary over the released rows, a research summary written from those facts
 * (Bedrock Converse in AWS, extractive offline) and a PHI check of that text (Comprehend Medical in AWS,
 * rules offline), saved under `summaries/`. Identifiers the PHI check finds are masked in the saved text.
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const bounds = { lowPct: config.GC_LOW_PERCENT, highPct: config.GC_HIGH_PERCENT };
  const [summary, outliers, lowQuality, variantSummary] = [
    await engine.query(qcSummarySql({ table: qc, ...bounds })),
    await engine.query(gcOutliersSql({ table: qc, ...bounds })),
    await engine.query(lowQualitySamplesSql({ table: qc, minQuality: config.PASS_QUALITY })),
    await engine.query(variantSummarySql(variants.name)),
  ];
  const facts = {
    qcSummary: summary.rows[0],
    gcOutliers: outliers.rows,
    lowQuality: lowQuality.rows,
    variantSummary: variantSummary.rows[0],
  };
  const sentences = factSentences(facts, {
    gcLow: config.GC_LOW_PERCENT,
    gcHigh: config.GC_HIGH_PERCENT,
    passQuality: config.PASS_QUALITY,
  });
  const generated = await inference.textGeneration.generate({
    system: SUMMARY_SYSTEM_PROMPT,
    prompt: sentences.join(' '),
    maxTokens: 1024,
    temperature: 0.3,
  });
  const phi = await inference.medicalPhi.detectPhi({ text: generated.text });
  let masked = generated.text;
  for (const entity of [...phi.entities].sort((a, b) => b.beginOffset - a.beginOffset)) {
    masked = `${masked.slice(0, entity.beginOffset)}[${entity.type}]${masked.slice(entity.endOffset)}`;
  }
  const key = summaryKey(event.executionArn, new Date());
  const written = await writer.putJson(key, {
    executionArn: event.executionArn,
    engine: engine.dialect,
    facts,
    summary: { text: masked, provider: generated.provider, modelId: generated.modelId ?? null },
    phiCheck: { provider: phi.provider, entityTypes: phi.entities.map((e) => e.type) },
  });
  ctx.log.info({ summaryKey: written.key, qcSamples: facts.qcSummary?.samples ?? 0 }, 'analysis written');
  return {
    status: 'ANALYZED',
    summaryKey: written.key,
    qcSamples: Number(facts.qcSummary?.samples ?? 0),
    gcOutliers: outliers.rows.length,
    lowQualitySamples: lowQuality.rows.length,
    summaryProvider: generated.provider,
    phiEntitiesMasked: phi.entities.length,
  };
});
