import { createHandler, outputWriterOf, s3Of } from '@fsxn/lambda-kit';
import { executionNameOf } from '@fsxn/pipeline';
import { z } from 'zod';
import { processConfig, SERVICE_ID } from '../config';
import { InvalidInputError } from '../domain/errors';
import { manifestNameFor } from '../domain/file-items';
import { processFiles } from '../steps/process-files';
import { runPlan, timed } from './events';

const config = processConfig();
const s3 = s3Of(config);
const writer = outputWriterOf(config, s3);
const noOntap = () => 0;

/** Reads the clone through its S3 access point (outside the VPC); outputs go to the output access point. */
export const handler = createHandler(
  {
    service: SERVICE_ID,
    schema: z.object({
      executionArn: z.string().min(1),
      plan: runPlan,
      /** From AttachAccessPoint; null when the plan names the alias itself. */
      attachedAlias: z.string().min(1).nullable(),
    }),
  },
  async (event, ctx) => {
    const plan = event.plan.process;
    if (plan === null) throw new InvalidInputError('ProcessFiles runs only when the plan asks for it');
    const accessPoint = plan.accessPoint.kind === 'alias' ? plan.accessPoint.alias : event.attachedAlias;
    if (accessPoint === null) throw new InvalidInputError('no S3 access point alias for the clone');
    const { result, timing } = await timed(noOntap, () =>
      processFiles({
        s3,
        accessPoint,
        prefix: plan.prefix,
        mode: plan.mode,
        excludePrefixes: [config.OUTPUT_PREFIX],
        writer,
        manifestName: manifestNameFor(executionNameOf(event.executionArn)),
        concurrency: config.HEADER_READ_CONCURRENCY,
      }),
    );
    ctx.metrics.addMetric('FilesProcessed', 'Count', result.files);
    ctx.log.info({ files: result.files, bytes: result.bytes, manifestKey: result.manifestKey }, 'clone processed');
    return { ...result, timing };
  },
);
