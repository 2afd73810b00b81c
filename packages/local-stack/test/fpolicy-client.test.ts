import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  decodeMessage,
  encodeNegoResponse,
  encodeScreenResponse,
  type FpolicyMessage,
  FrameDecoder,
  type NegoResponse,
  negotiate,
  screenResponseFor,
} from '@fsxn/fpolicy';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type FpolicyClient,
  type FpolicyClientConfig,
  type FpolicyClientOptions,
  startFpolicyClient,
  startOntapSimulator,
  startS3ApEmulator,
} from '../src/index';
import { call } from './ontap-simulator-helpers';

// ---------------------------------------------------------------------------------------------------------------
// A minimal FPolicy server written here with the @fsxn/fpolicy codec (not the client's code): it records every
// message per connection in arrival order and answers NEGO_REQ with `negotiate`, or as a test tells it to.

type ScreenReq = Extract<FpolicyMessage, { type: 'SCREEN_REQ' }>;
type NegoReq = Extract<FpolicyMessage, { type: 'NEGO_REQ' }>;

interface Received {
  readonly connection: number;
  readonly message: FpolicyMessage;
}

interface TestServerOptions {
  readonly port?: number;
  /** How to answer a NEGO_REQ (the n-th on its connection, from 1): no, one or several NEGO_RESPs. */
  readonly answer?: (req: NegoReq, nth: number) => NegoResponse | readonly NegoResponse[] | undefined;
  /** Synchronous engine: answer SCREEN_REQs only when `release()` is called. */
  readonly holdScreenResponses?: boolean;
}

interface TestServer {
  readonly port: number;
  readonly received: Received[];
  readonly closedConnections: Set<number>;
  screens(): ScreenReq[];
  of(type: FpolicyMessage['type']): Received[];
  /** Answers the oldest held SCREEN_REQ. */
  release(): void;
  /** Destroys every connection and stops listening, as a crashed server would. */
  kill(): Promise<void>;
}

const startTestServer = async (options: TestServerOptions = {}): Promise<TestServer> => {
  const received: Received[] = [];
  const closedConnections = new Set<number>();
  const sockets = new Set<Socket>();
  const held: { socket: Socket; req: ScreenReq }[] = [];
  let connections = 0;
  const answer = options.answer ?? ((req: NegoReq) => negotiate(req));

  const server: Server = createServer((socket) => {
    const connection = ++connections;
    sockets.add(socket);
    const decoder = new FrameDecoder();
    let negoCount = 0;
    socket.on('data', (chunk) => {
      for (const item of decoder.push(chunk)) {
        if (!item.ok) throw item.error;
        const message = decodeMessage(item.frame);
        received.push({ connection, message });
        if (message.type === 'NEGO_REQ') {
          negoCount += 1;
          const response = answer(message, negoCount) ?? [];
          for (const r of Array.isArray(response) ? response : [response]) socket.write(encodeNegoResponse(r));
        }
        if (message.type === 'SCREEN_REQ' && options.holdScreenResponses === true) held.push({ socket, req: message });
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      closedConnections.add(connection);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    port: address.port,
    received,
    closedConnections,
    screens: () => received.flatMap((r) => (r.message.type === 'SCREEN_REQ' ? [r.message] : [])),
    of: (type) => received.filter((r) => r.message.type === type),
    release: () => {
      const next = held.shift();
      if (next === undefined) throw new Error('no SCREEN_REQ is waiting');
      next.socket.write(encodeScreenResponse(screenResponseFor(next.req, 1)));
    },
    kill: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
};

/** Waits (bounded) until `condition` holds; the bound only keeps a broken client from hanging the suite. */
const waitFor = async (what: string, condition: () => boolean, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------------------

const SVM_UUID = '45228b37-6292-11ee-b5d1-000c29cdbe04';
const MSID = 2157674396;

const configFor = (
  port: number,
  dir: string,
  overrides: {
    type?: 'synchronous' | 'asynchronous';
    protocol?: 'cifs' | 'nfsv3' | 'nfsv4';
    keepAliveIntervalMs?: number;
    sessionTimeoutMs?: number;
    maxConnectionRetries?: number;
  } = {},
): FpolicyClientConfig => {
  const protocol = overrides.protocol ?? 'cifs';
  return {
    svm: { name: 'svm1', uuid: SVM_UUID },
    policyName: 'pol-ingest',
    engine: {
      primaryServers: [{ host: '127.0.0.1', port }],
      type: overrides.type ?? 'asynchronous',
      keepAliveIntervalMs: overrides.keepAliveIntervalMs ?? 60_000,
      sessionTimeoutMs: overrides.sessionTimeoutMs ?? 10_000,
      maxConnectionRetries: overrides.maxConnectionRetries ?? 5,
    },
    events: {
      protocol,
      fileOperations:
        protocol === 'cifs'
          ? { create: true, close: true, rename: true, delete: true }
          : { create: true, write: true, rename: true, delete: true },
    },
    volumes: [{ name: 'vol1', msid: MSID, dir }],
  };
};

const FAST_TIMING = { reconnectMinMs: 10, reconnectMaxMs: 50, negotiationTimeoutMs: 2000 };
const FAST_WATCH = { pollIntervalMs: 10, settleMs: 40 };

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const tempVolume = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'fpolicy-client-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
};
const serve = async (options?: TestServerOptions): Promise<TestServer> => {
  const server = await startTestServer(options);
  cleanups.push(() => server.kill());
  return server;
};
const client = async (options: FpolicyClientOptions): Promise<FpolicyClient> => {
  const started = await startFpolicyClient({ timing: FAST_TIMING, ...options });
  cleanups.push(() => started.stop());
  return started;
};

/** `REQTYPE path[ -> target]` of every SCREEN_REQ, in arrival order. */
const summary = (screens: readonly ScreenReq[]): string[] =>
  screens.map((s) => `${s.reqType} ${s.path}${s.targetPath === undefined ? '' : ` -> ${s.targetPath}`}`);

describe('FPolicy client: handshake and keep-alive', () => {
  it('sends NEGO_REQ first with the SVM uuid, policy and ONTAP versions, then keep-alives and SCREEN_REQs', async () => {
    const server = await serve();
    const dir = await tempVolume();
    const fp = await client({ config: configFor(server.port, dir, { keepAliveIntervalMs: 20 }) });
    await waitFor('two keep-alives', () => server.of('KEEP_ALIVE').length >= 2);
    expect(fp.notify('create', 'vol1', 'docs/a.txt')).toBe(true);
    await waitFor('a SCREEN_REQ', () => server.screens().length === 1);

    const first = server.received[0]?.message;
    expect(first?.type).toBe('NEGO_REQ');
    if (first?.type !== 'NEGO_REQ') return;
    expect(first.vsUuid).toBe(SVM_UUID);
    expect(first.policyName).toBe('pol-ingest');
    expect(first.versions).toEqual(['1.0', '1.1', '1.2', '2.0']);
    expect(first.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.of('NEGO_REQ')).toHaveLength(1);
    expect(new Set(server.received.map((r) => r.connection))).toEqual(new Set([1]));
    expect(fp.stats().keepAlivesSent).toBeGreaterThanOrEqual(2);
    expect(fp.stats().connections[0]?.sessionId).toBe(first.sessionId);
  });

  it('resends NEGO_REQ when no NEGO_RESP comes and accepts the first answer, ignoring a duplicate', async () => {
    // Answers only the second NEGO_REQ, twice, the duplicate with another (offered) version.
    const server = await serve({
      answer: (req, nth) => (nth === 2 ? [negotiate(req), { ...negotiate(req), version: '1.0' }] : undefined),
    });
    const dir = await tempVolume();
    const fp = await client({
      config: configFor(server.port, dir),
      timing: { ...FAST_TIMING, negotiationTimeoutMs: 30 },
    });
    fp.notify('create', 'vol1', 'x.txt');
    await waitFor('the SCREEN_REQ', () => server.screens().length === 1);
    const negos = server.of('NEGO_REQ');
    expect(negos).toHaveLength(2);
    expect(negos.map((n) => n.connection)).toEqual([1, 1]);
    const ids = negos.map((n) => (n.message.type === 'NEGO_REQ' ? n.message.sessionId : ''));
    expect(ids[0]).toBe(ids[1]);
    expect(server.of('ALERT_MSG')).toHaveLength(0);
    expect(server.closedConnections.size).toBe(0);
    expect(fp.stats()).toMatchObject({ negotiationFailures: 0, reconnects: 0 });
  });

  it('gives up on a connection after max_connection_retries unanswered NEGO_REQs', async () => {
    const server = await serve({ answer: () => undefined });
    const dir = await tempVolume();
    const fp = await client({
      config: configFor(server.port, dir, { maxConnectionRetries: 2 }),
      timing: { ...FAST_TIMING, negotiationTimeoutMs: 20, reconnectMinMs: 60_000, reconnectMaxMs: 60_000 },
    });
    await waitFor('the client to close', () => server.closedConnections.has(1));
    // The first NEGO_REQ and two resends, all on the first connection.
    expect(server.of('NEGO_REQ').map((n) => n.connection)).toEqual([1, 1, 1]);
    expect(fp.stats().negotiationFailures).toBe(1);
  });

  it.each([
    ['a version ONTAP did not offer', (req: NegoReq): NegoResponse => ({ ...negotiate(req), version: '3.0' })],
    ['another SessionId', (req: NegoReq): NegoResponse => ({ ...negotiate(req), sessionId: randomUUID() })],
    ['another VsUUID', (req: NegoReq): NegoResponse => ({ ...negotiate(req), vsUuid: randomUUID() })],
    ['another PolicyName', (req: NegoReq): NegoResponse => ({ ...negotiate(req), policyName: 'other' })],
  ])('answers a NEGO_RESP with %s by ALERT_MSG and closes, sending no SCREEN_REQ', async (_name, answer) => {
    const server = await serve({ answer });
    const dir = await tempVolume();
    const fp = await client({
      config: configFor(server.port, dir),
      timing: { ...FAST_TIMING, reconnectMinMs: 60_000, reconnectMaxMs: 60_000 },
    });
    fp.notify('create', 'vol1', 'queued.txt');
    await waitFor('the connection to close', () => server.closedConnections.has(1));
    expect(server.received.map((r) => r.message.type)).toEqual(['NEGO_REQ', 'ALERT_MSG']);
    const alert = server.received[1]?.message;
    expect(alert?.type === 'ALERT_MSG' ? alert.message : '').toMatch(/NEGO_RESP/);
    expect(fp.stats()).toMatchObject({ negotiationFailures: 1, sent: 0, buffered: 1 });
  });
});

describe('FPolicy client: SCREEN_REQ content', () => {
  it('builds SCREEN_REQs like ONTAP: increasing ReqId, volume-relative paths in both forms, MSID, µs time', async () => {
    const server = await serve();
    const dir = await tempVolume();
    const fp = await client({ config: configFor(server.port, dir), clientIp: '192.0.2.26' });
    const before = Date.now() * 1000;
    fp.notify('create', 'vol1', 'reports/q3.docx');
    fp.notify('close', 'vol1', '/reports/q3.docx', { fileSize: 12 });
    fp.notify('rename', 'vol1', 'reports/q3.docx', { newPath: 'final/q3.docx', fileSize: 12 });
    fp.notify('delete', 'vol1', 'final\\q3.docx', { fileSize: 12 });
    expect(fp.notify('write', 'vol1', 'ignored.txt')).toBe(false); // the cifs event does not monitor write
    await waitFor('four SCREEN_REQs', () => server.screens().length === 4);
    const after = Date.now() * 1000 + 1000;

    const screens = server.screens();
    expect(screens.map((s) => s.reqId)).toEqual(['1', '2', '3', '4']);
    expect(summary(screens)).toEqual([
      'SMB_CREAT /reports/q3.docx',
      'SMB_CLOSE /reports/q3.docx',
      'SMB_REN /reports/q3.docx -> /final/q3.docx',
      'SMB_DEL /final/q3.docx',
    ]);
    expect(screens.map((s) => s.winPath)).toEqual([
      '\\reports\\q3.docx',
      '\\reports\\q3.docx',
      '\\reports\\q3.docx',
      '\\final\\q3.docx',
    ]);
    expect(screens[2]?.targetWinPath).toBe('\\final\\q3.docx');
    for (const s of screens) {
      expect(s.volMsid).toBe(String(MSID));
      expect(s.clientIp).toBe('192.0.2.26');
      expect(s.fileType).toBe('FILE');
      expect(s.protocol).toBe('cifs');
      expect(s.generationTimeMicros).toBeGreaterThanOrEqual(before);
      expect(s.generationTimeMicros).toBeLessThanOrEqual(after);
    }
    expect(screens.map((s) => s.fileSize)).toEqual([0, 12, 12, 12]);
    expect(screens[0]?.isNewObject).toBe(true);
  });

  it('names NFS requests NFS_CREAT/NFS_WR/NFS_RENAME/NFS_UNLINK and marks the NFS version', async () => {
    const server = await serve();
    const dir = await tempVolume();
    const fp = await client({ config: configFor(server.port, dir, { protocol: 'nfsv3' }) });
    fp.notify('create', 'vol1', 'a');
    fp.notify('write', 'vol1', 'a', { fileSize: 3 });
    expect(fp.notify('close', 'vol1', 'a')).toBe(false); // NFSv3 has no CLOSE
    fp.notify('rename', 'vol1', 'a', { newPath: 'b' });
    fp.notify('delete', 'vol1', 'b');
    await waitFor('four SCREEN_REQs', () => server.screens().length === 4);
    expect(summary(server.screens())).toEqual(['NFS_CREAT /a', 'NFS_WR /a', 'NFS_RENAME /a -> /b', 'NFS_UNLINK /b']);
    expect(server.screens().map((s) => s.protocol)).toEqual(['nfsv3', 'nfsv3', 'nfsv3', 'nfsv3']);
  });

  it('refuses notifications it cannot express', async () => {
    const server = await serve();
    const dir = await tempVolume();
    const fp = await client({ config: configFor(server.port, dir) });
    expect(() => fp.notify('create', 'vol9', 'a')).toThrow(/not in the policy scope/);
    expect(() => fp.notify('rename', 'vol1', 'a')).toThrow(/new path/);
    expect(() => fp.notify('create', 'vol1', '../etc/passwd')).toThrow(/\.\./);
    expect(() => fp.notify('create', 'vol1', 'bad\u0001name')).toThrow(/control character/);
    expect(fp.stats().notified).toBe(0);
  });
});

describe('FPolicy client: watching the volume directory', () => {
  it('reports files created, written, renamed and deleted, with volume-relative paths', async () => {
    const server = await serve();
    const dir = await tempVolume();
    await writeFile(join(dir, 'existing.txt'), 'old'); // present at start: not a notification
    const fp = await client({
      config: configFor(server.port, dir, { protocol: 'nfsv3' }),
      watch: true,
      watchOptions: FAST_WATCH,
    });

    await mkdir(join(dir, 'a', 'b'), { recursive: true });
    await writeFile(join(dir, 'a', 'b', 'new.txt'), 'hello');
    await waitFor('create + write', () => server.screens().length === 2);
    await appendFile(join(dir, 'existing.txt'), ' and more');
    await waitFor('write', () => server.screens().length === 3);
    await rename(join(dir, 'a', 'b', 'new.txt'), join(dir, 'a', 'renamed.txt'));
    await waitFor('rename', () => server.screens().length === 4);
    await unlink(join(dir, 'a', 'renamed.txt'));
    await waitFor('delete', () => server.screens().length === 5);

    expect(summary(server.screens())).toEqual([
      'NFS_CREAT /a/b/new.txt',
      'NFS_WR /a/b/new.txt',
      'NFS_WR /existing.txt',
      'NFS_RENAME /a/b/new.txt -> /a/renamed.txt',
      'NFS_UNLINK /a/renamed.txt',
    ]);
    expect(server.screens().map((s) => s.fileSize)).toEqual([0, 5, 12, 5, 5]);
    expect(new Set(server.screens().map((s) => s.volMsid))).toEqual(new Set([String(MSID)]));
    expect(fp.stats()).toMatchObject({ notified: 5, sent: 5, dropped: 0, rejected: 0 });
  });

  it('reports a file written in several steps once, after it settled', async () => {
    const server = await serve();
    const dir = await tempVolume();
    await client({
      config: configFor(server.port, dir),
      watch: true,
      watchOptions: { pollIntervalMs: 10, settleMs: 1000 },
    });
    const file = join(dir, 'growing.bin');
    await writeFile(file, 'a');
    for (let i = 0; i < 5; i += 1) {
      await sleep(10); // far shorter than settleMs: the file is still being written
      await appendFile(file, 'b');
    }
    await writeFile(join(dir, 'sentinel'), 'x');
    await waitFor('the sentinel', () =>
      server.screens().some((s) => s.path === '/sentinel' && s.reqType === 'SMB_CLOSE'),
    );
    const growing = server.screens().filter((s) => s.path === '/growing.bin');
    expect(summary(growing)).toEqual(['SMB_CREAT /growing.bin', 'SMB_CLOSE /growing.bin']);
    expect(growing[1]?.fileSize).toBe(6);
  });

  it('ignores the run outputs prefix and S3AP temp names', async () => {
    const server = await serve();
    const dir = await tempVolume();
    await client({
      config: configFor(server.port, dir),
      watch: true,
      watchOptions: { ...FAST_WATCH, ignorePrefixes: ['fsxn-output/'] },
    });
    await mkdir(join(dir, 'fsxn-output', 'uc1'), { recursive: true });
    await writeFile(join(dir, 'fsxn-output', 'uc1', 'report.json'), '{}');
    await writeFile(join(dir, '.s3ap-tmp-0123abcd'), 'staged');
    await writeFile(join(dir, 'fsxn-output-not-ignored.txt'), 'kept');
    // Written last: once it is reported, anything written before it has settled too.
    await writeFile(join(dir, 'sentinel'), 'x');
    await waitFor('the sentinel', () =>
      server.screens().some((s) => s.path === '/sentinel' && s.reqType === 'SMB_CLOSE'),
    );
    expect(summary(server.screens()).sort()).toEqual(
      [
        'SMB_CLOSE /fsxn-output-not-ignored.txt',
        'SMB_CLOSE /sentinel',
        'SMB_CREAT /fsxn-output-not-ignored.txt',
        'SMB_CREAT /sentinel',
      ].sort(),
    );
  });

  it('reports one S3AP PutObject as one create and close of the final key, never the temp file', async () => {
    const server = await serve();
    const dir = await tempVolume();
    // The emulator keeps its temp uploads and sidecars inside the watched volume here, under an ignored prefix.
    const emulator = await startS3ApEmulator({
      accessPoints: [{ name: 'vol1-ap', rootDir: dir }],
      stateDir: join(dir, '.s3ap-state'),
    });
    cleanups.push(() => emulator.stop());
    await client({
      config: configFor(server.port, dir),
      watch: true,
      watchOptions: { ...FAST_WATCH, ignorePrefixes: ['.s3ap-state/'] },
    });
    const s3 = new S3Client({
      endpoint: emulator.endpoint,
      region: emulator.region,
      forcePathStyle: true,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    cleanups.push(async () => s3.destroy());
    const body = Buffer.alloc(300_000, 7);
    await s3.send(new PutObjectCommand({ Bucket: emulator.aliasOf('vol1-ap'), Key: 'docs/scan-001.pdf', Body: body }));
    await writeFile(join(dir, 'sentinel'), 'x');
    await waitFor('the sentinel', () =>
      server.screens().some((s) => s.path === '/sentinel' && s.reqType === 'SMB_CLOSE'),
    );

    const forKey = server.screens().filter((s) => s.path !== '/sentinel');
    expect(summary(forKey)).toEqual(['SMB_CREAT /docs/scan-001.pdf', 'SMB_CLOSE /docs/scan-001.pdf']);
    expect(forKey[1]?.fileSize).toBe(body.length);
  });
});

describe('FPolicy client: resilience of an asynchronous engine', () => {
  /** Unique (SessionId, ReqId) notifications in first-arrival order: what a de-duplicating server keeps. */
  const deduplicated = (server: TestServer): ScreenReq[] => {
    const sessionOf = new Map<number, string>();
    const seen = new Set<string>();
    const out: ScreenReq[] = [];
    for (const r of server.received) {
      if (r.message.type === 'NEGO_REQ') sessionOf.set(r.connection, r.message.sessionId);
      if (r.message.type !== 'SCREEN_REQ') continue;
      const key = `${sessionOf.get(r.connection)}/${r.message.reqId}`;
      if (!seen.has(key)) out.push(r.message);
      seen.add(key);
    }
    return out;
  };
  const sessionIds = (server: TestServer): string[] =>
    server.received.flatMap((r) => (r.message.type === 'NEGO_REQ' ? [r.message.sessionId] : []));

  it('buffers while the server is down and delivers everything in order, in the same session', async () => {
    const first = await serve();
    const port = first.port;
    const dir = await tempVolume();
    const fp = await client({ config: configFor(port, dir) });
    for (const n of [1, 2, 3]) fp.notify('create', 'vol1', `f${n}`);
    await waitFor('three SCREEN_REQs', () => first.screens().length === 3);

    await first.kill();
    await waitFor('the client to notice', () => fp.stats().connections[0]?.phase !== 'ready');
    for (const n of [4, 5, 6, 7, 8]) fp.notify('create', 'vol1', `f${n}`);
    expect(fp.stats().buffered).toBeGreaterThanOrEqual(5);

    const second = await serve({ port });
    await waitFor('all eight', () => deduplicated(second).length + deduplicated(first).length >= 8);
    await waitFor('the buffer to empty', () => fp.stats().buffered === 0);

    const delivered = [...deduplicated(first), ...deduplicated(second)];
    const unique = new Map(delivered.map((s) => [s.reqId, s.path]));
    expect([...unique.values()]).toEqual(['/f1', '/f2', '/f3', '/f4', '/f5', '/f6', '/f7', '/f8']);
    expect([...unique.keys()]).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    // Each server sees the notifications it got in order.
    for (const server of [first, second]) {
      const paths = deduplicated(server).map((s) => Number(s.path.slice(2)));
      expect(paths).toEqual([...paths].sort((a, b) => a - b));
    }
    expect(sessionIds(second)).toEqual(sessionIds(first));
    expect(fp.stats()).toMatchObject({ reconnects: 1, sessionsReused: 1, dropped: 0 });
  });

  it('starts a new session, with ReqIds from 1, when it reconnects after the session timeout', async () => {
    const first = await serve();
    const port = first.port;
    const dir = await tempVolume();
    const fp = await client({
      config: configFor(port, dir, { sessionTimeoutMs: 30 }),
      timing: { ...FAST_TIMING, replayWindowMs: 0 },
    });
    fp.notify('create', 'vol1', 'before');
    await waitFor('the first SCREEN_REQ', () => first.screens().length === 1);
    await first.kill();
    await waitFor('the client to notice', () => fp.stats().connections[0]?.phase !== 'ready');
    fp.notify('create', 'vol1', 'after');
    await sleep(100); // longer than the 30 ms session timeout
    const second = await serve({ port });
    await waitFor('the buffered SCREEN_REQ', () => second.screens().length === 1);
    expect(sessionIds(second)).toHaveLength(1);
    expect(sessionIds(second)[0]).not.toBe(sessionIds(first)[0]);
    expect(summary(second.screens())).toEqual(['SMB_CREAT /after']);
    expect(second.screens()[0]?.reqId).toBe('1');
    expect(fp.stats().sessionsReused).toBe(0);
  });

  it('drops the oldest notifications beyond the buffer limit and counts them', async () => {
    const probe = await startTestServer();
    const port = probe.port;
    await probe.kill(); // nothing listens on the port now
    const dir = await tempVolume();
    const fp = await client({ config: configFor(port, dir), buffer: { maxNotifications: 3 } });
    for (const n of [1, 2, 3, 4, 5]) fp.notify('create', 'vol1', `f${n}`);
    expect(fp.stats()).toMatchObject({ notified: 5, buffered: 3, dropped: 2, sent: 0 });
    const server = await serve({ port });
    await waitFor('three SCREEN_REQs', () => server.screens().length === 3);
    expect(summary(server.screens())).toEqual(['SMB_CREAT /f3', 'SMB_CREAT /f4', 'SMB_CREAT /f5']);
  });
});

describe('FPolicy client: several primary servers', () => {
  it('connects to every primary server and spreads the notifications over them, each in order', async () => {
    const a = await serve();
    const b = await serve();
    const dir = await tempVolume();
    const base = configFor(a.port, dir);
    const fp = await client({
      config: {
        ...base,
        engine: {
          ...base.engine,
          primaryServers: [
            { host: '127.0.0.1', port: a.port },
            { host: '127.0.0.1', port: b.port },
          ],
        },
      },
    });
    await waitFor('both handshakes', () => fp.stats().connections.every((c) => c.phase === 'ready'));
    for (let n = 1; n <= 10; n += 1) fp.notify('create', 'vol1', `m${n}`);
    await waitFor('ten SCREEN_REQs', () => a.screens().length + b.screens().length === 10);
    const numbers = (server: TestServer) => server.screens().map((s) => Number(s.path.slice(2)));
    expect([...numbers(a), ...numbers(b)].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const server of [a, b]) {
      expect(server.of('NEGO_REQ')).toHaveLength(1);
      expect(server.screens().length).toBeGreaterThan(0);
      expect(numbers(server)).toEqual([...numbers(server)].sort((x, y) => x - y));
    }
    // One session per connection, as each ONTAP node-to-server connection negotiates its own.
    const sessions = fp.stats().connections.map((c) => c.sessionId);
    expect(new Set(sessions).size).toBe(2);
  });
});

describe('FPolicy client: synchronous engine', () => {
  it('waits for each SCREEN_RESP before sending the next SCREEN_REQ', async () => {
    const server = await serve({ holdScreenResponses: true });
    const dir = await tempVolume();
    const fp = await client({ config: configFor(server.port, dir, { type: 'synchronous', keepAliveIntervalMs: 10 }) });
    for (const n of [1, 2, 3]) fp.notify('create', 'vol1', `s${n}`);
    await waitFor('the first SCREEN_REQ', () => server.screens().length === 1);
    // Keep-alives share the socket: three of them after the first request prove the client had time to send more.
    const keepAlivesBefore = server.of('KEEP_ALIVE').length;
    await waitFor('three keep-alives', () => server.of('KEEP_ALIVE').length >= keepAlivesBefore + 3);
    expect(server.screens()).toHaveLength(1);

    server.release();
    await waitFor('the second SCREEN_REQ', () => server.screens().length === 2);
    server.release();
    await waitFor('the third SCREEN_REQ', () => server.screens().length === 3);
    server.release();
    await waitFor('the third SCREEN_RESP', () => fp.stats().screenResponses === 3);
    expect(summary(server.screens())).toEqual(['SMB_CREAT /s1', 'SMB_CREAT /s2', 'SMB_CREAT /s3']);
    expect(fp.stats().responseTimeouts).toBe(0);
  });

  it('moves on after the response timeout when no SCREEN_RESP comes', async () => {
    const server = await serve({ holdScreenResponses: true });
    const dir = await tempVolume();
    const fp = await client({
      config: configFor(server.port, dir, { type: 'synchronous' }),
      timing: { ...FAST_TIMING, responseTimeoutMs: 20 },
    });
    for (const n of [1, 2]) fp.notify('create', 'vol1', `t${n}`);
    await waitFor('both SCREEN_REQs', () => server.screens().length === 2);
    await waitFor('the second timeout', () => fp.stats().responseTimeouts === 2);
    expect(summary(server.screens())).toEqual(['SMB_CREAT /t1', 'SMB_CREAT /t2']);
  });
});

describe('FPolicy client: configuration from the ONTAP simulator', () => {
  it('reads engine, event and scope of an enabled policy and uses the volume MSID', async () => {
    const server = await serve();
    const dir = await tempVolume();
    const credentials = { username: 'admin', password: 'S3cret-pass!' };
    const sim = await startOntapSimulator({
      credentials,
      svms: [{ name: 'svm1', volumes: [{ name: 'vol1', dir, junctionPath: '/vol1' }] }],
    });
    cleanups.push(() => sim.stop());
    const svm = sim.state.svmUuid('svm1');
    const base = `/api/protocols/fpolicy/${svm}`;
    const engine = { name: 'eng', port: server.port, primary_servers: ['127.0.0.1'], type: 'asynchronous' };
    expect(
      (await call(sim.baseUrl, 'POST', `${base}/engines`, { ...engine, keep_alive_interval: 'PT10S' })).status,
    ).toBe(201);
    const event = { name: 'ev', protocol: 'nfsv4', file_operations: { create: true, write: true, close: true } };
    expect((await call(sim.baseUrl, 'POST', `${base}/events`, event)).status).toBe(201);
    const policy = {
      name: 'pol',
      engine: { name: 'eng' },
      events: [{ name: 'ev' }],
      scope: { include_volumes: ['vol1'] },
      mandatory: false,
    };
    expect((await call(sim.baseUrl, 'POST', `${base}/policies`, policy)).status).toBe(201);
    await expect(
      startFpolicyClient({ fromSimulator: { simulator: sim, svmName: 'svm1', policyName: 'pol' } }),
    ).rejects.toThrow(/not enabled/);
    expect((await call(sim.baseUrl, 'PATCH', `${base}/policies/pol`, { enabled: true, priority: 1 })).status).toBe(200);

    const fp = await client({ fromSimulator: { simulator: sim, svmName: 'svm1', policyName: 'pol' } });
    const msid = sim.state.volumes()[0]?.msid;
    expect(fp.config).toMatchObject({
      svm: { name: 'svm1', uuid: svm },
      engine: { type: 'asynchronous', keepAliveIntervalMs: 10_000, sessionTimeoutMs: 10_000, maxConnectionRetries: 5 },
      events: { protocol: 'nfsv4', fileOperations: { create: true, write: true, close: true } },
      volumes: [{ name: 'vol1', msid, dir }],
    });
    fp.notify('close', 'vol1', 'data/run1/out.csv', { fileSize: 10 });
    await waitFor('the SCREEN_REQ', () => server.screens().length === 1);
    const [nego] = server.of('NEGO_REQ');
    expect(nego?.message.type === 'NEGO_REQ' ? nego.message.vsUuid : '').toBe(svm);
    expect(summary(server.screens())).toEqual(['NFS_CLOSE /data/run1/out.csv']);
    expect(server.screens()[0]).toMatchObject({ volMsid: String(msid), protocol: 'nfsv4' });
  });
});

describe('FPolicy client: property', () => {
  type Command =
    | { kind: 'create'; file: number; bytes: number }
    | { kind: 'append'; file: number }
    | { kind: 'rename'; file: number; to: number }
    | { kind: 'delete'; file: number };
  const FILES = 4;
  const command: fc.Arbitrary<Command> = fc.oneof(
    fc.record({
      kind: fc.constant('create' as const),
      file: fc.nat(FILES - 1),
      bytes: fc.integer({ min: 1, max: 64 }),
    }),
    fc.record({ kind: fc.constant('append' as const), file: fc.nat(FILES - 1) }),
    fc.record({ kind: fc.constant('rename' as const), file: fc.nat(FILES - 1), to: fc.nat(FILES - 1) }),
    fc.record({ kind: fc.constant('delete' as const), file: fc.nat(FILES - 1) }),
  );

  it('delivers the multiset of settled operations performed on the volume', async () => {
    const server = await serve();
    const dir = await tempVolume();
    await client({
      config: configFor(server.port, dir, { protocol: 'nfsv3' }),
      watch: true,
      watchOptions: FAST_WATCH,
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 6 }), async (commands) => {
        run += 1;
        const folder = `run${run}`;
        await mkdir(join(dir, folder));
        const name = (n: number) => `${folder}/${n % 2 === 0 ? 'sub/' : ''}f${n}.dat`;
        await mkdir(join(dir, folder, 'sub'));
        const existing = new Set<number>();
        const performed: string[] = [];
        const start = server.screens().length;
        for (const c of commands) {
          const before = performed.length;
          if (c.kind === 'create' && !existing.has(c.file)) {
            await writeFile(join(dir, name(c.file)), Buffer.alloc(c.bytes, 1));
            existing.add(c.file);
            performed.push(`NFS_CREAT /${name(c.file)}`, `NFS_WR /${name(c.file)}`);
          } else if ((c.kind === 'create' || c.kind === 'append') && existing.has(c.file)) {
            await appendFile(join(dir, name(c.file)), 'more');
            performed.push(`NFS_WR /${name(c.file)}`);
          } else if (c.kind === 'rename' && existing.has(c.file) && c.file !== c.to) {
            await rename(join(dir, name(c.file)), join(dir, name(c.to)));
            existing.delete(c.file);
            existing.add(c.to);
            performed.push(`NFS_RENAME /${name(c.file)} -> /${name(c.to)}`);
          } else if (c.kind === 'delete' && existing.has(c.file)) {
            await unlink(join(dir, name(c.file)));
            existing.delete(c.file);
            performed.push(`NFS_UNLINK /${name(c.file)}`);
          }
          // Let each operation settle before the next, so every one of them is observable.
          const expected = start + performed.length;
          if (performed.length > before) await waitFor('the notifications', () => server.screens().length >= expected);
        }
        const delivered = summary(server.screens().slice(start));
        expect([...delivered].sort()).toEqual([...performed].sort());
      }),
      { numRuns: 12 },
    );
  });
});
