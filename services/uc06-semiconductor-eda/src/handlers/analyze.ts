import { createEngineFromEnv } from '@fsxn/analytics';
import { createHandler, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { z } from 'zod';
import { analyzeLayouts, MAX_FINDINGS_IN_PAYLOAD } from '../analyze-layouts';
import { analyzeConfig, SERVICE_ID } from '../config';
import { analysisKey } from '../outputs';
import { athenaClient, layoutTableOf } from '../runtime';

const config = analyzeConfig();
const writer = outputWriterOf(config, s3Of(config));
const table = layoutTableOf(config);
// Athena (Glue table over the analytics bucket) in AWS, DuckDB over the same rows locally.
const engine = createEngineFromEnv(process.env, { tables: [table], athenaClient });

const eventSchema = z.object({ executionArn: z.string().min(1) });

/** Runs the layout SQL after every file of the run has written its row; the full result goes to `analysis/`. */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const analysis = await analyzeLayouts(engine, table, { multiplier: config.IQR_MULTIPLIER });
  const written = await writer.putJson(analysisKey(event.executionArn, new Date()), analysis);
  const slowest = Math.max(...Object.values(analysis.queryMs));
  ctx.metrics.addMetric('AnalyticsQueryMs', 'Milliseconds', slowest);
  ctx.log.info({ engine: analysis.engine, outliers: analysis.outliers.length, key: written.key }, 'analysis written');
  return {
    analysisKey: written.key,
    engine: analysis.engine,
    slowestQueryMs: slowest,
    cellCountStats: analysis.cellCountStats,
    outlierCount: analysis.outliers.length,
    outliers: analysis.outliers.slice(0, MAX_FINDINGS_IN_PAYLOAD),
    libraryNamingViolations: analysis.libraryNamingViolations.slice(0, MAX_FINDINGS_IN_PAYLOAD),
  };
});
