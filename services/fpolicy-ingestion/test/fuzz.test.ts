import { Buffer } from 'node:buffer';
import { once } from 'node:events';
import { connect } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemorySink, startFpolicyServer } from '../src/index';
import { connectPeer, handshake, negoRequest, screen, until } from './ontap-peer';

/** Sends bytes on a fresh connection and waits until the server closes it or the peer ends it. */
const sendRaw = async (port: number, chunks: readonly Uint8Array[]): Promise<void> => {
  const socket = connect({ port, host: '127.0.0.1' });
  socket.on('error', () => undefined);
  // Read (and discard) what the server answers, or the socket never sees the server's FIN.
  socket.resume();
  await once(socket, 'connect');
  for (const chunk of chunks) {
    if (socket.destroyed) break;
    socket.write(chunk);
  }
  socket.end();
  if (!socket.closed) await once(socket, 'close');
};

describe('malformed input never crashes the server', () => {
  it('survives random bytes, truncated frames and bit flips on many connections, and still serves a real peer', async () => {
    const sink = new MemorySink();
    const server = await startFpolicyServer({ port: 0, sink, batchDelayMs: 1 });
    const valid = Buffer.concat([negoRequest('fuzz-session'), screen(1, '/fuzz/a.txt'), screen(2, '/fuzz/b.txt')]);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 2048 }).map((b) => [b]),
          // Valid stream cut anywhere (truncated frame at close).
          fc.integer({ min: 1, max: valid.length - 1 }).map((n) => [valid.subarray(0, n)]),
          // Valid stream with one byte flipped.
          fc.tuple(fc.integer({ min: 0, max: valid.length - 1 }), fc.integer({ min: 1, max: 255 })).map(([at, x]) => {
            const copy = Buffer.from(valid);
            copy[at] = (copy[at] ?? 0) ^ x;
            return [copy];
          }),
          // A frame prefix announcing a length, then random payload bytes of that length (boundary known).
          fc.uint8Array({ minLength: 1, maxLength: 600 }).map((payload) => {
            const prefix = Buffer.alloc(6);
            prefix.write('"', 0, 'latin1');
            prefix.writeUInt32BE(payload.length, 1);
            prefix.write('"', 5, 'latin1');
            return [Buffer.concat([negoRequest('fuzz-session'), prefix, payload, screen(3, '/fuzz/c.txt')])];
          }),
          // Valid stream split into random chunks.
          fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 40 }).map((sizes) => {
            const chunks: Uint8Array[] = [];
            let at = 0;
            for (const size of sizes) {
              if (at >= valid.length) break;
              chunks.push(valid.subarray(at, at + size));
              at += size;
            }
            if (at < valid.length) chunks.push(valid.subarray(at));
            return chunks;
          }),
        ),
        async (chunks) => {
          await sendRaw(server.port, chunks);
        },
      ),
      { numRuns: 150 },
    );
    // The server is alive and correct after all of it.
    const peer = await connectPeer(server.port);
    await handshake(peer, 'after-fuzz');
    await peer.write(screen(99, '/after/fuzz.txt'));
    await until(() => sink.events.some((e) => e.sessionId === 'after-fuzz') || server.stats().notifications > 10_000);
    await server.drain();
    expect(sink.events.filter((e) => e.sessionId === 'after-fuzz').map((e) => e.path)).toEqual(['after/fuzz.txt']);
    // Events that did get through are valid and never duplicated for the same ReqId within a session.
    const keys = sink.events.filter((e) => e.sessionId === 'fuzz-session').map((e) => e.path);
    expect(new Set(keys).size).toBe(keys.length);
    await peer.end();
    await server.stop();
  });

  it('skips a frame whose body is not a valid message and keeps the connection (boundary known)', async () => {
    const sink = new MemorySink();
    const server = await startFpolicyServer({ port: 0, sink, batchDelayMs: 1 });
    const peer = await connectPeer(server.port);
    await handshake(peer);
    const { encodeFrame } = await import('@fsxn/fpolicy');
    await peer.write(encodeFrame('SCREEN_REQ', '<?xml version="1.0"?><FscreenReq><ReqId>x</ReqId></FscreenReq>'));
    await peer.write(encodeFrame('SCREEN_REQ', '<not xml'));
    await peer.write(screen(5, '/still/here.txt'));
    await until(() => server.stats().notifications === 1);
    await server.drain();
    expect(server.stats().framesSkipped).toBe(2);
    expect(sink.events.map((e) => e.path)).toEqual(['still/here.txt']);
    expect(peer.socket.destroyed).toBe(false);
    await peer.end();
    await server.stop();
  });

  it('closes the connection on a broken length prefix (boundary lost)', async () => {
    const server = await startFpolicyServer({ port: 0, sink: new MemorySink() });
    const peer = await connectPeer(server.port);
    await handshake(peer);
    await peer.write(Buffer.from('GET / HTTP/1.1\r\n\r\n'));
    await peer.closed();
    expect(server.stats().connectionsClosedOnError).toBe(1);
    await server.stop();
  });
});
