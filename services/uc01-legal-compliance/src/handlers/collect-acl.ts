import { formatTimestamp } from '@fsxn/analytics';
import { createHandler } from '@fsxn/lambda-kit';
import { fileSecurity } from '@fsxn/ontap-client';
import { failed, type ItemResult, skipped } from '@fsxn/pipeline';
import { z } from 'zod';
import { collectAcl } from '../collect-acl';
import { ontapConfig, SERVICE_ID } from '../config';
import type { AclRecord } from '../domain';
import { ontapClientOf } from '../runtime';

const config = ontapConfig();
const ontap = ontapClientOf(config);

const eventSchema = z.object({
  executionArn: z.string().min(1),
  item: z.object({ key: z.string().min(1), size: z.number().int().nonnegative() }).passthrough(),
  volume: z.object({ svmUuid: z.string().min(1), volumeUuid: z.string().min(1), junctionPath: z.string().min(1) }),
});

/** An ACL read: the WriteAclRecord step (outside the VPC) stores it. */
export interface CollectedAcl {
  status: 'COLLECTED';
  key: string;
  record: AclRecord;
  latencyMs: number;
}

/** A file that ended here: the state machine records `result` and moves on. */
export interface FinishedFile {
  status: 'FINISHED';
  result: ItemResult;
}

/**
 * Runs in the VPC (ONTAP management API only; it writes nothing): reads the NTFS descriptor of one file.
 * Transient ONTAP faults left after the client's own retries are thrown, so the state machine retries.
 */
export const handler = createHandler({ service: SERVICE_ID, schema: eventSchema }, async (event, ctx) => {
  const started = performance.now();
  const { key } = event.item;
  const outcome = await collectAcl(
    {
      readFileSecurity: (path, lookupNames) =>
        fileSecurity.get(ontap, event.volume.svmUuid, path, { lookupNames, signal: ctx.signal }),
      now: () => formatTimestamp(new Date()),
    },
    key,
    event.volume,
  );
  const latencyMs = Math.round(performance.now() - started);
  if (outcome.kind === 'failed') {
    ctx.log.warn({ key, reason: outcome.reason }, 'ACL not collected');
    return finished(failed(key, outcome.reason, { metrics: { latencyMs } }));
  }
  if (outcome.kind === 'skipped') return finished(skipped(key, outcome.reason));
  const collected: CollectedAcl = { status: 'COLLECTED', key, record: outcome.record, latencyMs };
  return collected;
});

const finished = (result: ItemResult): FinishedFile => ({ status: 'FINISHED', result });
