import { Buffer } from 'node:buffer';
import { type EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { type FileEvent, fileEventSchema } from '@fsxn/fpolicy';

export const FPOLICY_SOURCE = 'fsxn.fpolicy';
export const FPOLICY_DETAIL_TYPE = 'FPolicy File Operation';
/** PutEvents limits: 10 entries and 256 KiB per call. */
const MAX_ENTRIES = 10;
const MAX_BYTES = 256 * 1024;

export interface SqsRecordLike {
  readonly messageId: string;
  readonly body: string;
}

export interface BridgeOptions {
  readonly client: EventBridgeClient;
  readonly eventBusName: string;
  readonly onInvalid?: (messageId: string, reason: string) => void;
  readonly onFailed?: (messageId: string, reason: string) => void;
}

export interface BridgeResult {
  readonly batchItemFailures: { readonly itemIdentifier: string }[];
  readonly published: number;
  readonly invalid: number;
  readonly failed: number;
}

interface Pending {
  readonly messageId: string;
  readonly entry: PutEventsRequestEntry;
  readonly bytes: number;
}

const parseEvent = (body: string): { ok: true; event: FileEvent } | { ok: false; reason: string } => {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
  const parsed = fileEventSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason: `not a file event: ${issue?.path.join('.') || 'event'} ${issue?.message ?? ''}`.trim(),
    };
  }
  return { ok: true, event: parsed.data };
};

// EventBridge counts Source, DetailType, Detail and Resources toward an entry's size.
const entrySize = (entry: PutEventsRequestEntry): number =>
  Buffer.byteLength(entry.Detail ?? '') +
  Buffer.byteLength(entry.Source ?? '') +
  Buffer.byteLength(entry.DetailType ?? '');

const chunk = (pending: readonly Pending[]): Pending[][] => {
  const chunks: Pending[][] = [];
  let current: Pending[] = [];
  let bytes = 0;
  for (const item of pending) {
    if (current.length === MAX_ENTRIES || (current.length > 0 && bytes + item.bytes > MAX_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += item.bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
};

/**
 * SQS records → PutEvents on the FPolicy bus, with partial batch failure reporting: a body that is not a valid
 * file event, an entry EventBridge answers with an ErrorCode, or a chunk whose call failed is reported by its
 * messageId (SQS redelivers only those, then moves them to the DLQ); nothing here throws for one bad record.
 */
export const bridgeRecords = async (
  records: readonly SqsRecordLike[],
  options: BridgeOptions,
): Promise<BridgeResult> => {
  const failures: { itemIdentifier: string }[] = [];
  const pending: Pending[] = [];
  let invalid = 0;
  for (const record of records) {
    const parsed = parseEvent(record.body);
    if (!parsed.ok) {
      invalid += 1;
      options.onInvalid?.(record.messageId, parsed.reason);
      failures.push({ itemIdentifier: record.messageId });
      continue;
    }
    const entry: PutEventsRequestEntry = {
      EventBusName: options.eventBusName,
      Source: FPOLICY_SOURCE,
      DetailType: FPOLICY_DETAIL_TYPE,
      Detail: JSON.stringify(parsed.event),
      Time: new Date(parsed.event.time),
    };
    pending.push({ messageId: record.messageId, entry, bytes: entrySize(entry) });
  }
  let published = 0;
  let failed = 0;
  for (const part of chunk(pending)) {
    const fail = (item: Pending, reason: string) => {
      failed += 1;
      options.onFailed?.(item.messageId, reason);
      failures.push({ itemIdentifier: item.messageId });
    };
    try {
      const response = await options.client.send(new PutEventsCommand({ Entries: part.map((p) => p.entry) }));
      const results = response.Entries ?? [];
      part.forEach((item, i) => {
        const result = results[i];
        if (result === undefined) fail(item, 'no result entry');
        else if (result.ErrorCode !== undefined && result.ErrorCode !== '') fail(item, result.ErrorCode);
        else published += 1;
      });
    } catch (error) {
      for (const item of part) fail(item, error instanceof Error ? error.name : 'PutEvents failed');
    }
  }
  return { batchItemFailures: failures, published, invalid, failed };
};
