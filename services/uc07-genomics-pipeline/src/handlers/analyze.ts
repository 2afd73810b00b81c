import type { Readable } from 'node:stream';
import { AthenaClient } from '@aws-sdk/client-athena';
import { createEngineFromEnv, type SqlEngine } from '@fsxn/analytics';
import { createInference } from '@fsxn/inference';
import { createHandler, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { readStream } from '@fsxn/s3ap';
import { z } from 'zod';
import { analyzeConfig, SERVICE_ID } from '../config';
import { summarizeArchive } from '../summary/summarize-archive';
import { qcTable, variantTable } from '../tables';

const config = analyzeConfig();
const s3 = s3Of(config);
const writer = outputWriterOf(config, s3);
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
 * After every file is reviewed: the archive summary of `summarizeArchive` (SQL facts, research summary
 * with PHI masked, biomedical entities from the summary and the released VCFs' annotations), saved under
 * `summaries/`. Only counts are logged: entity names, summary text and sample ids stay out of the logs.
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const result = await summarizeArchive(
    {
      engine,
      tables: { qc, variants },
      inference,
      writer,
      readInput: (key, consume) =>
        readStream(s3, config.INPUT_ACCESS_POINT, key, (body: Readable) => consume(body as AsyncIterable<Uint8Array>)),
      bounds: {
        gcLowPercent: config.GC_LOW_PERCENT,
        gcHighPercent: config.GC_HIGH_PERCENT,
        passQuality: config.PASS_QUALITY,
      },
    },
    event.executionArn,
  );
  ctx.log.info(
    {
      summaryKey: result.summaryKey,
      qcSamples: result.qcSamples,
      phiEntitiesMasked: result.phiEntitiesMasked,
      biomedicalEntities: result.biomedicalEntities,
    },
    'analysis written',
  );
  return result;
});
