import { Buffer } from 'node:buffer';
import { fileEventSchema } from '@fsxn/fpolicy';
import { describe, expect, it } from 'vitest';
import { MemorySink, startFpolicyServer, staticVolumeResolver } from '../src/index';
import { connectPeer, encodeKeepAlive, handshake, SESSION, screen, until, VS_UUID } from './ontap-peer';

// The NEGO_RESP the reference capture shows (§3.4), written out by hand: ids echoed, one version.
const EXPECTED_NEGO_RESP_BODY =
  '<?xml version="1.0"?><HandshakeResp><VsUUID>45228b37-6292-11ee-b5d1-000c29cdbe04</VsUUID><PolicyName>fsxn_policy</PolicyName>' +
  '<SessionId>d8ad84cc-79dd-11ee-b638-000c29cdbe04</SessionId><ProtVersion>1.2</ProtVersion></HandshakeResp>';

const start = (sink = new MemorySink(), extra: Partial<Parameters<typeof startFpolicyServer>[0]> = {}) =>
  startFpolicyServer({
    port: 0,
    sink,
    svmName: 'svm1',
    resolveVolume: staticVolumeResolver({ '2157674396': 'vol1' }),
    batchDelayMs: 1,
    ...extra,
  });

describe('FPolicy server handshake', () => {
  it('answers NEGO_REQ with the NEGO_RESP ONTAP accepts, byte for byte', async () => {
    const server = await start();
    const peer = await connectPeer(server.port);
    const raw: Buffer[] = [];
    peer.socket.on('data', (chunk: Buffer) => raw.push(chunk));
    const resp = await handshake(peer);
    expect(resp).toEqual({
      type: 'NEGO_RESP',
      vsUuid: VS_UUID,
      policyName: 'fsxn_policy',
      sessionId: SESSION,
      version: '1.2',
    });
    const bytes = Buffer.concat(raw);
    const header = `<?xml version="1.0"?><Header><NotfType>NEGO_RESP</NotfType><ContentLen>${Buffer.byteLength(EXPECTED_NEGO_RESP_BODY)}</ContentLen><DataFormat>XML</DataFormat></Header>`;
    const payload = Buffer.concat([Buffer.from(`${header}\n\n${EXPECTED_NEGO_RESP_BODY}`), Buffer.from([0])]);
    const prefix = Buffer.alloc(6);
    prefix.write('"', 0, 'latin1');
    prefix.writeUInt32BE(payload.length, 1);
    prefix.write('"', 5, 'latin1');
    expect(bytes.equals(Buffer.concat([prefix, payload]))).toBe(true);
    await peer.end();
    await server.stop();
  });

  it('closes the connection when no protocol version is shared', async () => {
    const server = await start();
    const peer = await connectPeer(server.port);
    const { encodeNegoRequest } = await import('@fsxn/fpolicy');
    await peer.write(encodeNegoRequest({ vsUuid: VS_UUID, policyName: 'p', sessionId: SESSION, versions: ['3.0'] }));
    await peer.closed();
    expect(peer.received).toEqual([]);
    expect(server.stats().connectionsClosedOnError).toBe(1);
    await server.stop();
  });
});

describe('FPolicy server notifications', () => {
  it('turns SCREEN_REQ into events with volume, relative path, operation, client, time, session and sequence', async () => {
    const sink = new MemorySink();
    const server = await start(sink);
    const peer = await connectPeer(server.port);
    await handshake(peer);
    await peer.write(screen(2830, '/reports/q3.docx'));
    await peer.write(encodeKeepAlive());
    await peer.write(
      screen(2841, '/reports/draft.txt', { reqType: 'SMB_REN', targetPath: '/reports/final.txt', details: [] }),
    );
    await until(() => server.stats().notifications === 2);
    await server.drain();
    expect(sink.events).toHaveLength(2);
    const [created, renamed] = sink.events;
    expect(created).toMatchObject({
      operation: 'create',
      reqType: 'SMB_CREAT',
      protocol: 'cifs',
      svm: 'svm1',
      volume: 'vol1',
      path: 'reports/q3.docx',
      clientIp: '192.0.2.26',
      user: { uid: 0, winSid: 'S-1-5-21-1000' },
      // 1698970793791282 + 2830 µs → 2023-11-03T00:19:53.794Z
      time: '2023-11-03T00:19:53.794Z',
      sessionId: SESSION,
      sequence: 0,
      fileType: 'FILE',
    });
    expect(renamed).toMatchObject({
      operation: 'rename',
      path: 'reports/final.txt',
      previousPath: 'reports/draft.txt',
      sequence: 1,
    });
    for (const event of sink.events) expect(fileEventSchema.safeParse(event).success).toBe(true);
    expect(server.stats()).toMatchObject({ keepAlives: 1, notifications: 2, eventsAccepted: 2, screenResponses: 0 });
    expect(peer.received.map((m) => m.type)).toEqual(['NEGO_RESP']);
    await peer.end();
    await server.stop();
  });

  it('answers each SCREEN_REQ with SCREEN_RESP (same ReqId and ReqType) when the engine is synchronous', async () => {
    const server = await start(new MemorySink(), { engine: 'synchronous', screenVerdict: 1 });
    const peer = await connectPeer(server.port);
    await handshake(peer);
    await peer.write(screen(7, '/a.txt'));
    expect(await peer.next('SCREEN_RESP')).toEqual({
      type: 'SCREEN_RESP',
      reqId: '7',
      reqType: 'SMB_CREAT',
      notfResp: 1,
    });
    await peer.write(screen(7, '/a.txt'));
    // A duplicate is still answered (ONTAP waits for it) but not delivered twice.
    expect(await peer.next('SCREEN_RESP')).toMatchObject({ reqId: '7' });
    await server.drain();
    expect(server.stats()).toMatchObject({ duplicates: 1, eventsAccepted: 1, screenResponses: 2 });
    await peer.end();
    await server.stop();
  });

  it('refuses a synchronous engine without an explicit verdict', async () => {
    await expect(start(new MemorySink(), { engine: 'synchronous' })).rejects.toThrow(/screenVerdict/);
  });

  it('closes a connection that sends SCREEN_REQ before negotiating', async () => {
    const sink = new MemorySink();
    const server = await start(sink);
    const peer = await connectPeer(server.port);
    await peer.write(screen(1, '/x'));
    await peer.closed();
    expect(sink.events).toEqual([]);
    await server.stop();
  });

  it('skips a notification with a hostile path and keeps the connection', async () => {
    const sink = new MemorySink();
    const server = await start(sink);
    const peer = await connectPeer(server.port);
    await handshake(peer);
    await peer.write(screen(1, '/a/../../etc/passwd'));
    await peer.write(screen(2, '/ok.txt'));
    await until(() => server.stats().notifications === 2);
    await server.drain();
    expect(sink.events.map((e) => [e.path, e.sequence])).toEqual([['ok.txt', 0]]);
    expect(server.stats().eventsRejected).toBe(1);
    await peer.end();
    await server.stop();
  });

  it('closes an idle connection after the keep-alive timeout and a silent one after the handshake timeout', async () => {
    let clock = 0;
    const server = await start(new MemorySink(), { keepAliveTimeoutMs: 100, handshakeTimeoutMs: 50, now: () => clock });
    const negotiated = await connectPeer(server.port);
    await handshake(negotiated);
    const silent = await connectPeer(server.port);
    clock = 60; // past the handshake timeout only
    await silent.closed();
    expect(negotiated.socket.destroyed).toBe(false);
    clock = 200;
    await negotiated.closed();
    expect(server.stats().connectionsTimedOut).toBe(2);
    await server.stop();
  });

  it('logs ALERT_MSG and keeps going', async () => {
    const warnings: string[] = [];
    const log = {
      debug: () => undefined,
      info: () => undefined,
      error: () => undefined,
      warn: (_: object, m: string) => warnings.push(m),
    };
    const server = await start(new MemorySink(), { log });
    const peer = await connectPeer(server.port);
    await handshake(peer);
    const { encodeAlertMessage } = await import('@fsxn/fpolicy');
    await peer.write(encodeAlertMessage('unsupported version'));
    await until(() => server.stats().alerts === 1);
    expect(warnings).toContain('ONTAP sent ALERT_MSG');
    expect(negotiatedStill(peer)).toBe(true);
    await peer.end();
    await server.stop();
  });
});

const negotiatedStill = (peer: { socket: { destroyed: boolean } }) => !peer.socket.destroyed;
