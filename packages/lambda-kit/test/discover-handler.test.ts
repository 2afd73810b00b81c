import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  createTableFromCfn,
  type LocalDynamoDb,
  type S3ApEmulator,
  startDynamoDb,
  startS3ApEmulator,
} from '@fsxn/local-stack';
import { fakeContext } from '@fsxn/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscoverHandler, idempotencyTableCfn } from '../src/index';

const TABLE = 'discover-claims';
const OUT = 'out/svc/';

let base: string;
let emulator: S3ApEmulator;
let db: LocalDynamoDb;
const saved: Record<string, string | undefined> = {};

const setEnv = (values: Record<string, string>) => {
  for (const [k, v] of Object.entries(values)) {
    if (!(k in saved)) saved[k] = process.env[k];
    process.env[k] = v;
  }
};

const put = async (key: string, body: string | Uint8Array) => {
  await mkdir(dirname(join(base, key)), { recursive: true });
  await writeFile(join(base, key), body);
};

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'discover-handler-'));
  emulator = await startS3ApEmulator({ accessPoints: [{ name: 'vol', rootDir: base }] });
  db = await startDynamoDb();
  await createTableFromCfn(db.client(), TABLE, idempotencyTableCfn(TABLE));
  // The SDK clients the handler builds resolve endpoints and credentials from the environment, as in Lambda.
  setEnv({
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_S3: emulator.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    FSXN_METRICS: 'off',
    LOG_LEVEL: 'silent',
  });
  await put('in/a.dat', 'MAGIC-a');
  await put('in/b.dat', 'MAGIC-b');
  await put('in/c.dat', 'other');
  await put('in/notes.txt', 'MAGIC but a text file');
  await put(`${OUT}old-manifest.json`, '{}');
});

afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await emulator.stop();
  await db.stop();
  await rm(base, { recursive: true, force: true });
});

const envFor = (mode: 'POLLING' | 'HYBRID') => ({
  INPUT_ACCESS_POINT: emulator.aliasOf('vol'),
  OUTPUT_ACCESS_POINT: emulator.aliasOf('vol'),
  INPUT_PREFIX: 'in/',
  OUTPUT_PREFIX: OUT,
  DEPLOYMENT_PROFILE: 'poc',
  TRIGGER_MODE: mode,
  S3_FORCE_PATH_STYLE: 'true',
  IDEMPOTENCY_TABLE: TABLE,
  DEDUP_ENABLED: mode === 'HYBRID' ? 'true' : 'false',
});

/** `.dat` files whose first five bytes read MAGIC, through the handler's Range read. */
const classify = async (obj: { key: string }, readHead: (key: string, bytes: number) => Promise<Uint8Array>) => {
  if (!obj.key.endsWith('.dat')) return { include: false as const, reason: 'not a .dat file' };
  const head = Buffer.from(await readHead(obj.key, 5)).toString('latin1');
  return head === 'MAGIC' ? { include: true as const } : { include: false as const, reason: 'no magic' };
};

const arn = (name: string) => `arn:aws:states:us-east-1:123456789012:execution:sm:${name}`;

describe('createDiscoverHandler', () => {
  it('lists the input prefix, classifies with Range reads, skips its outputs and writes the manifest', async () => {
    const handler = createDiscoverHandler({
      service: 'svc-polling',
      classify,
      toMapItem: (item) => ({ key: item.key, kind: 'dat' }),
      env: envFor('POLLING'),
    });
    const result = await handler({ executionArn: arn('run-1'), input: {} }, fakeContext());
    expect(result.items).toEqual([
      { key: 'in/a.dat', kind: 'dat' },
      { key: 'in/b.dat', kind: 'dat' },
    ]);
    expect(result.discovered).toBe(2);
    expect(result.skipped).toEqual([]);
    expect(result.manifestKey.startsWith(OUT)).toBe(true);
    const manifest = JSON.parse(await readFile(join(base, result.manifestKey), 'utf8'));
    expect(manifest).toMatchObject({ executionArn: arn('run-1'), triggerMode: 'POLLING', totalObjects: 2 });
  });

  it('takes every object when no rule is given, and exactly the file an FPolicy event names', async () => {
    const handler = createDiscoverHandler({ service: 'svc-all', env: envFor('POLLING') });
    const all = await handler({ executionArn: arn('run-2'), input: { prefix: 'in/' } }, fakeContext());
    expect(all.items.map((i) => i.key)).toEqual(['in/a.dat', 'in/b.dat', 'in/c.dat', 'in/notes.txt']);
    const one = await handler({ executionArn: arn('run-3'), input: { detail: { path: '/in/b.dat' } } }, fakeContext());
    expect(one.items.map((i) => i.key)).toEqual(['in/b.dat']);
  });

  it('in HYBRID mode processes a file version once across two executions', async () => {
    const handler = createDiscoverHandler({ service: 'svc-hybrid', classify, env: envFor('HYBRID') });
    const first = await handler({ executionArn: arn('poll-1'), input: {} }, fakeContext());
    const second = await handler(
      { executionArn: arn('event-1'), input: { detail: { path: 'in/a.dat' } } },
      fakeContext(),
    );
    expect(first.items.map((i) => i.key)).toEqual(['in/a.dat', 'in/b.dat']);
    expect(second.items).toEqual([]);
    expect(second.skipped.map(({ key, status, reason }) => ({ key, status, reason }))).toEqual([
      { key: 'in/a.dat', status: 'SKIPPED', reason: 'already processed by poll-1 (HYBRID dedup)' },
    ]);
  });
});
