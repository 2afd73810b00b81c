import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ChainContentionError, LineageError, LineageWriteError } from './errors';
import { type ChainHead, type ChainItem, computeRecordHash, EMPTY_HEAD } from './hash-chain';
import {
  type ChainedLineageRecord,
  type ChainFields,
  chainedLineageRecordSchema,
  chainFieldsSchema,
  type LineageInput,
  type LineageRecord,
  lineageInputSchema,
  lineageRecordSchema,
  parseWith,
  RESERVED_SOURCE_PREFIX,
} from './record';
import { retainUntil, ttlSeconds } from './retention';
import { CHAIN_INDEX, HEAD_SORT_KEY, TIMESTAMP_INDEX } from './table';
import { type VerifyResult, verify } from './verify';

export interface LineageDeps {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly now?: () => Date;
  /** Attempts at winning the chain head before giving up with a transient error. */
  readonly maxHeadAttempts?: number;
  /** Waits between head attempts (jittered); injectable so tests need not sleep. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** A record as read by file or time range: chain fields absent on records from v1 writers. */
export type StoredLineageRecord = LineageRecord & Partial<ChainFields>;

const headKey = (ucId: string) => ({
  source_file_key: `${RESERVED_SOURCE_PREFIX}${ucId}`,
  processing_timestamp: HEAD_SORT_KEY,
});

/** Reads a chain head with a strongly consistent read (the head is the serialization point). */
export const readHead = async (deps: LineageDeps, ucId: string): Promise<ChainHead | undefined> => {
  const out = await deps.db.send(
    new GetCommand({ TableName: deps.tableName, Key: headKey(ucId), ConsistentRead: true }),
  );
  const item = out.Item;
  if (!item) return undefined;
  return {
    sequence: Number(item.head_sequence),
    hash: String(item.head_hash),
    ttl: Number(item.head_ttl),
    timestamp: String(item.head_timestamp),
  };
};

/** One millisecond after `previous`, or `now` when that is later: timestamps in a chain strictly increase. */
const nextTimestamp = (now: Date, previous: string): string => {
  const floor = previous === '' ? 0 : Date.parse(previous) + 1;
  return new Date(Math.max(now.getTime(), floor)).toISOString();
};

/**
 * The same file can be recorded by two chains in one millisecond; the table key (file, timestamp) would
 * collide. Checked before the sequence is allocated so a collision never costs a gap: generated
 * timestamps move on by 1 ms, a caller-given one is refused.
 */
const freeTimestamp = async (
  deps: LineageDeps,
  sourceFileKey: string,
  candidate: string,
  adjustable: boolean,
): Promise<string> => {
  let timestamp = candidate;
  for (let tries = 0; tries < 100; tries += 1) {
    const out = await deps.db.send(
      new GetCommand({
        TableName: deps.tableName,
        Key: { source_file_key: sourceFileKey, processing_timestamp: timestamp },
        ProjectionExpression: 'source_file_key',
        ConsistentRead: true,
      }),
    );
    if (!out.Item) return timestamp;
    if (!adjustable) throw new LineageWriteError(`a lineage record for this file at ${timestamp} already exists`);
    timestamp = new Date(Date.parse(timestamp) + 1).toISOString();
  }
  throw new LineageWriteError(`no free processing_timestamp for this file after ${candidate}`);
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Appends one lineage record to its use case's chain. The sequence is allocated by a conditional write
 * on the chain head (expected sequence = the one just read), so concurrent writers serialize instead of
 * forking; the record itself is written after the head, so a crash in between leaves a visible gap
 * (reported by `verifyChain`) rather than a silent fork.
 */
export const recordLineage = async (deps: LineageDeps, input: LineageInput): Promise<ChainedLineageRecord> => {
  const parsed = parseWith(lineageInputSchema, input, 'lineage input');
  const { retention_days: retentionDays, processing_timestamp: givenTimestamp, ...fields } = parsed;
  const now = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? defaultSleep;
  const attempts = deps.maxHeadAttempts ?? 100;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const head = (await readHead(deps, fields.uc_id)) ?? EMPTY_HEAD;
    const timestamp = await freeTimestamp(
      deps,
      fields.source_file_key,
      givenTimestamp === undefined ? nextTimestamp(now(), head.timestamp) : new Date(givenTimestamp).toISOString(),
      givenTimestamp === undefined,
    );
    const ttl = Math.max(
      ttlSeconds(retainUntil(fields.retention_profile, new Date(timestamp), retentionDays)),
      head.ttl,
    );
    const content = {
      ...fields,
      processing_timestamp: timestamp,
      ttl,
      sequence: head.sequence + 1,
      prev_hash: head.hash,
      prev_ttl: head.ttl,
    };
    const record = { ...content, record_hash: computeRecordHash(content) };
    if (!(await advanceHead(deps, fields.uc_id, head, record))) {
      await sleep(Math.random() * Math.min(50, 2 * (attempt + 1)));
      continue;
    }
    await putRecord(deps, record);
    return parseWith(chainedLineageRecordSchema, record, 'lineage record');
  }
  throw new ChainContentionError(`chain ${fields.uc_id}: no head update won after ${attempts} attempts`);
};

const advanceHead = async (
  deps: LineageDeps,
  ucId: string,
  expected: ChainHead,
  record: { sequence: number; record_hash: string; ttl: number; processing_timestamp: string },
): Promise<boolean> => {
  try {
    await deps.db.send(
      new PutCommand({
        TableName: deps.tableName,
        Item: {
          ...headKey(ucId),
          item_type: 'chain-head',
          chain_id: ucId,
          head_sequence: record.sequence,
          head_hash: record.record_hash,
          head_ttl: record.ttl,
          head_timestamp: record.processing_timestamp,
        },
        ConditionExpression:
          expected.sequence === 0 ? 'attribute_not_exists(source_file_key)' : 'head_sequence = :expected',
        ExpressionAttributeValues: expected.sequence === 0 ? undefined : { ':expected': expected.sequence },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw new LineageError(`chain ${ucId}: head update failed`, { cause: error, transient: true });
  }
};

const putRecord = async (deps: LineageDeps, record: ChainItem & { sequence: number; uc_id: string }): Promise<void> => {
  try {
    await deps.db.send(
      new PutCommand({
        TableName: deps.tableName,
        Item: record,
        ConditionExpression: 'attribute_not_exists(source_file_key)',
      }),
    );
  } catch (error) {
    throw new LineageWriteError(
      `chain ${record.uc_id}: sequence ${record.sequence} was allocated but its record could not be stored; verifyChain will report the gap`,
      { cause: error },
    );
  }
};

const readRecord = (item: ChainItem): StoredLineageRecord =>
  parseWith(lineageRecordSchema.extend(chainFieldsSchema.partial().shape), item, 'stored lineage record');

/** Records of one source file, newest first (records from v1 writers read with v2 defaults). */
export const historyOf = async (
  deps: LineageDeps,
  sourceFileKey: string,
  options: { limit?: number } = {},
): Promise<StoredLineageRecord[]> => {
  const out = await deps.db.send(
    new QueryCommand({
      TableName: deps.tableName,
      KeyConditionExpression: 'source_file_key = :s',
      ExpressionAttributeValues: { ':s': sourceFileKey },
      ScanIndexForward: false,
      Limit: options.limit ?? 50,
    }),
  );
  return (out.Items ?? []).filter((item) => item.processing_timestamp !== HEAD_SORT_KEY).map(readRecord);
};

export interface ChainPage<T> {
  readonly items: readonly T[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  readonly cursor?: string;
}

export interface ChainPageOptions {
  readonly pageSize?: number;
  readonly cursor?: string;
  readonly fromSequence?: number;
}

const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;

const decodeCursor = (cursor: string | undefined): Record<string, unknown> | undefined => {
  if (cursor === undefined) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new LineageError('malformed chain cursor', { cause: error });
  }
};

/** One page of a chain's stored items, exactly as stored (for verification and export), in sequence order. */
export const chainItemsPage = async (
  deps: LineageDeps,
  ucId: string,
  options: ChainPageOptions = {},
): Promise<ChainPage<ChainItem>> => {
  const out = await deps.db.send(
    new QueryCommand({
      TableName: deps.tableName,
      IndexName: CHAIN_INDEX,
      KeyConditionExpression: 'uc_id = :u AND #seq >= :from',
      ExpressionAttributeNames: { '#seq': 'sequence' },
      ExpressionAttributeValues: { ':u': ucId, ':from': options.fromSequence ?? 1 },
      Limit: options.pageSize ?? 100,
      ExclusiveStartKey: decodeCursor(options.cursor),
    }),
  );
  const cursor = encodeCursor(out.LastEvaluatedKey);
  return cursor === undefined ? { items: out.Items ?? [] } : { items: out.Items ?? [], cursor };
};

/** Every stored item of a chain in sequence order, page by page. */
export async function* chainItems(
  deps: LineageDeps,
  ucId: string,
  options: Omit<ChainPageOptions, 'cursor'> = {},
): AsyncGenerator<ChainItem> {
  let cursor: string | undefined;
  do {
    const page = await chainItemsPage(deps, ucId, { ...options, ...(cursor === undefined ? {} : { cursor }) });
    yield* page.items;
    cursor = page.cursor;
  } while (cursor !== undefined);
}

/** Parsed records of a chain in sequence order. */
export async function* chain(
  deps: LineageDeps,
  ucId: string,
  options: Omit<ChainPageOptions, 'cursor'> = {},
): AsyncGenerator<ChainedLineageRecord> {
  for await (const item of chainItems(deps, ucId, options))
    yield parseWith(chainedLineageRecordSchema, item, 'chained lineage record');
}

/** Records of a use case between two instants (inclusive), oldest first. */
export const byUseCase = async (
  deps: LineageDeps,
  ucId: string,
  range: { from?: string; to?: string; limit?: number } = {},
): Promise<StoredLineageRecord[]> => {
  const out = await deps.db.send(
    new QueryCommand({
      TableName: deps.tableName,
      IndexName: TIMESTAMP_INDEX,
      KeyConditionExpression: 'uc_id = :u AND processing_timestamp BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':u': ucId, ':from': range.from ?? '0000', ':to': range.to ?? '9999' },
      Limit: range.limit ?? 100,
    }),
  );
  return (out.Items ?? []).map(readRecord);
};

/**
 * Verifies a whole chain against its head. Chain reads go through a GSI, which AWS updates
 * asynchronously: right after a write the newest record can briefly show as a truncated tail.
 */
export const verifyChain = async (deps: LineageDeps, ucId: string): Promise<VerifyResult> => {
  const head = await readHead(deps, ucId);
  return verify(chainItems(deps, ucId), { head: head ?? EMPTY_HEAD, now: (deps.now ?? (() => new Date()))() });
};
