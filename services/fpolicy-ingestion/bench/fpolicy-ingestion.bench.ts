// FPolicy ingestion bench (loopback only): notifications/s the server sustains on one and on several
// connections, p99 added latency (socket write → sink), and end-to-end events/s through the local bridge
// (server → SQS-shaped records → bridgeRecords → PutEvents, the EventBridge client stubbed with
// aws-sdk-client-mock so only our code is measured). Run: pnpm exec tsx services/fpolicy-ingestion/bench/fpolicy-ingestion.bench.ts
import { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { FileEvent } from '@fsxn/fpolicy';
import { mockClient } from 'aws-sdk-client-mock';
import { bridgeRecords, type EventSink, startFpolicyServer } from '../src/index';
import { connectPeer, handshake, screen, until } from '../test/ontap-peer';

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

interface Run {
  readonly label: string;
  readonly connections: number;
  readonly perConnection: number;
  readonly sink: (record: (events: readonly FileEvent[]) => void) => EventSink;
  /** Paced sending (notifications/s per connection) measures added latency below saturation. */
  readonly ratePerSecond?: number;
}

const run = async ({ label, connections, perConnection, sink, ratePerSecond }: Run) => {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let delivered = 0;
  const server = await startFpolicyServer({
    port: 0,
    sink: sink((events) => {
      const t = performance.now();
      for (const e of events) {
        const started = sentAt.get(`${e.sessionId}#${e.path}`);
        if (started !== undefined) latencies.push(t - started);
      }
      delivered += events.length;
    }),
    batchDelayMs: 1,
    maxQueuedEvents: 20_000,
  });
  const peers = await Promise.all(Array.from({ length: connections }, () => connectPeer(server.port)));
  await Promise.all(peers.map((p, i) => handshake(p, `bench-${i}`)));
  const started = performance.now();
  await Promise.all(
    peers.map(async (peer, c) => {
      for (let i = 0; i < perConnection; i += 50) {
        const frames: Uint8Array[] = [];
        const now = performance.now();
        for (let j = i; j < Math.min(i + 50, perConnection); j += 1) {
          frames.push(screen(j + 1, `/bench/c${c}/f-${j}.dat`));
          sentAt.set(`bench-${c}#bench/c${c}/f-${j}.dat`, now);
        }
        await peer.write(Buffer.concat(frames));
        if (ratePerSecond !== undefined) {
          const due = started + ((i + 50) / ratePerSecond) * 1000;
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
        }
      }
    }),
  );
  const total = connections * perConnection;
  await until(() => server.stats().notifications >= total, 1);
  await server.drain();
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(peers.map((p) => p.end()));
  await server.stop();
  return {
    label,
    connections,
    notifications: total,
    delivered,
    perSecond: Math.round(total / seconds),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
};

const countingSink = (record: (events: readonly FileEvent[]) => void): EventSink => ({
  write: async (events) => record(events),
});

// The SDK's Node 20 notice (Lambda runs nodejs22.x) would only clutter the table.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// The local bridge: each event becomes an SQS record (body = JSON, as the SQS sink sends it) and goes through
// bridgeRecords in batches of 10, as the Lambda's SQS event source would deliver it.
const eventBridge = mockClient(EventBridgeClient);
eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
  FailedEntryCount: 0,
  Entries: input.Entries.map((_, i) => ({ EventId: String(i) })),
}));
const bridgeClient = new EventBridgeClient({ region: 'us-east-1' });
let messageId = 0;
const bridgeSink = (record: (events: readonly FileEvent[]) => void): EventSink => ({
  write: async (events) => {
    for (let i = 0; i < events.length; i += 10) {
      const part = events.slice(i, i + 10);
      const result = await bridgeRecords(
        part.map((e) => ({ messageId: String(messageId++), body: JSON.stringify(e) })),
        { client: bridgeClient, eventBusName: 'fsxn-fpolicy-events' },
      );
      if (result.published !== part.length) throw new Error('bridge refused an event');
    }
    record(events);
  },
});

const results = [
  await run({
    label: 'server, 1 connection, paced 1,000/s',
    connections: 1,
    perConnection: 5_000,
    sink: countingSink,
    ratePerSecond: 1_000,
  }),
  await run({ label: 'server, 1 connection', connections: 1, perConnection: 20_000, sink: countingSink }),
  await run({ label: 'server, 4 connections', connections: 4, perConnection: 10_000, sink: countingSink }),
  await run({
    label: 'end to end via local bridge, 4 connections',
    connections: 4,
    perConnection: 5_000,
    sink: bridgeSink,
  }),
];
console.log(
  '| Run | Connections | Notifications | Delivered | Notifications/s | p50 added latency (ms) | p99 added latency (ms) |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  console.log(
    `| ${r.label} | ${r.connections} | ${r.notifications} | ${r.delivered} | ${r.perSecond} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} |`,
  );
}
console.log(`\nPutEvents calls through the bridge: ${eventBridge.commandCalls(PutEventsCommand).length}`);
