import { createTableFromCfn, type LocalDynamoDb, startDynamoDb } from '@fsxn/local-stack';
import { fakeContext } from '@fsxn/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { envInt, loadConfig } from '../src/config';
import { PermanentError } from '../src/errors';
import { createHandler } from '../src/handler';
import { idempotencyTableCfn, makeIdempotent } from '../src/idempotency';
import { createLogger } from '../src/logger';
import type { MetricsSink } from '../src/metrics';

const FileEvent = z.object({ key: z.string().min(1), etag: z.string(), executionArn: z.string().optional() });
type FileEvent = z.output<typeof FileEvent>;

/** The README's thin handler, wired the same way, with the domain step standing in as a counter. */
describe('a thin handler built from the preset (README example)', () => {
  let db: LocalDynamoDb;
  beforeAll(async () => {
    db = await startDynamoDb();
  });
  afterAll(async () => {
    await db?.stop();
  });

  it('processes a file seen twice once, and records metrics and logs for both invocations', async () => {
    const client = db.client();
    await createTableFromCfn(client, 'uc01-idem', idempotencyTableCfn('uc01-idem'));
    const config = loadConfig(z.object({ IDEMPOTENCY_TABLE: z.string(), MAX_BYTES: envInt({ min: 1 }) }), {
      IDEMPOTENCY_TABLE: 'uc01-idem',
      MAX_BYTES: '1024',
    });
    const processed: string[] = [];
    const processFile = async (e: FileEvent, maxBytes: number) => {
      processed.push(e.key);
      return { key: e.key, status: 'SUCCEEDED' as const, metrics: { maxBytes } };
    };
    const processOnce = makeIdempotent((e: FileEvent) => processFile(e, config.MAX_BYTES), {
      tableName: config.IDEMPOTENCY_TABLE,
      client,
      scope: 'uc01-process',
      keyOf: (e) => `${e.key}#${e.etag}`,
    });
    const lines: string[] = [];
    const recorded: number[] = [];
    const sink: MetricsSink = {
      addMetric: (_name, _unit, value) => void recorded.push(value),
      addDimension: () => undefined,
      flush: () => undefined,
    };
    const handler = createHandler(
      {
        service: 'uc01-legal-compliance',
        schema: FileEvent,
        logger: createLogger({ service: 'uc01', destination: { write: (l: string) => void lines.push(l) }, env: {} }),
        metrics: () => sink,
      },
      async (event, ctx) => {
        const result = await processOnce(event, ctx.lambda);
        ctx.metrics.addMetric('FilesProcessed', 'Count', 1);
        ctx.log.info({ key: event.key, status: result.status }, 'processed');
        return result;
      },
    );

    const polled = await handler({ key: 'contracts/a.pdf', etag: 'e1' }, fakeContext());
    const evented = await handler({ key: 'contracts/a.pdf', etag: 'e1' }, fakeContext());

    expect(processed).toEqual(['contracts/a.pdf']);
    expect(evented).toEqual(polled);
    expect(polled).toEqual({ key: 'contracts/a.pdf', status: 'SUCCEEDED', metrics: { maxBytes: 1024 } });
    expect(recorded).toEqual([1, 1]);
    expect(lines.filter((l) => l.includes('"msg":"processed"'))).toHaveLength(2);
    await expect(handler({ key: '', etag: 'e1' }, fakeContext())).rejects.toBeInstanceOf(PermanentError);
  });
});
