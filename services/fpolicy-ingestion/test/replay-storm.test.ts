import { describe, expect, it } from 'vitest';
import { MemorySink, startFpolicyServer } from '../src/index';
import { runStorm } from './storm';

describe('replay storm', () => {
  it('delivers every unique notification exactly once through duplicates, reconnects and a slow consumer', async () => {
    const sink = new MemorySink({ delayMs: 2 });
    // A small queue so the slow sink really pushes back on the sockets.
    const server = await startFpolicyServer({ port: 0, sink, batchSize: 50, maxQueuedEvents: 500, batchDelayMs: 1 });
    const report = await runStorm({
      port: server.port,
      sessions: 4,
      notificationsPerSession: 2_600,
      duplicateEvery: 7,
      reconnectEvery: 500,
      replayOnReconnect: 40,
      seed: 42,
    });
    await server.drain();
    expect(report.framesSent).toBeGreaterThanOrEqual(10_000);
    expect(report.duplicatesSent).toBeGreaterThan(1_000);
    expect(report.reconnects).toBeGreaterThanOrEqual(16);
    // Set equality: every (session, ReqId) sent is delivered, nothing else is.
    const delivered = sink.events.map((e) => `${e.sessionId}#${e.path}`);
    expect(new Set(delivered)).toEqual(new Set(report.uniqueKeys));
    // Each duplicate delivered once: no key twice.
    expect(delivered.length).toBe(report.uniqueKeys.length);
    // Sequences per session are 0..n-1 with no gap or repeat, across reconnects.
    for (const session of report.sessions) {
      const sequences = sink.events
        .filter((e) => e.sessionId === session)
        .map((e) => e.sequence)
        .sort((a, b) => a - b);
      expect(sequences).toEqual(sequences.map((_, i) => i));
    }
    expect(server.stats()).toMatchObject({
      duplicates: report.duplicatesSent,
      eventsAccepted: report.uniqueKeys.length,
      queue: { dropped: 0 },
    });
    await server.stop();
  }, 60_000);
});
