import { analyticsWriterOf, createHandler } from '@fsxn/lambda-kit';
import { succeeded } from '@fsxn/pipeline';
import { z } from 'zod';
import { SERVICE_ID, writeRecordConfig } from '../config';
import { aclRecordSchema, encodeNdjson } from '../domain';
import { aclRecordKey, instantOf } from '../outputs';

const config = writeRecordConfig();
// The analytics bucket in AWS (where the Glue table points), the output access point locally (DuckDB).
const writer = analyticsWriterOf(config);

const eventSchema = z.object({
  executionArn: z.string().min(1),
  collected: z.object({ key: z.string().min(1), record: aclRecordSchema, latencyMs: z.number().nonnegative() }),
});

/**
 * Outside the VPC: stores one ACL record as an NDJSON object under `<outputPrefix>acl-data/YYYY/MM/DD/<execution>/`
 * of the analytics bucket (AWS, the Glue table) or of the output access point (locally, the DuckDB view).
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event) => {
  const { key, record, latencyMs } = event.collected;
  const written = await writer.putText(
    aclRecordKey(event.executionArn, key, instantOf(record.collected_at)),
    encodeNdjson([record]),
    'application/x-ndjson',
  );
  return succeeded(key, {
    outputs: [written.key],
    metrics: { latencyMs, aces: record.acls.length, daclProtected: record.dacl_protected ? 1 : 0 },
  });
});
