// Replay-storm driver shared by the test and the bench: several ONTAP sessions send SCREEN_REQs, resend a
// random sample of earlier ReqIds (as ONTAP does after reconnecting within session_timeout), and drop and
// re-establish their connection mid-stream. The path carries the ReqId so a delivered event names what was sent.
import { Buffer } from 'node:buffer';
import { connectPeer, handshake, type OntapPeer, screen } from './ontap-peer';

export interface StormOptions {
  readonly port: number;
  readonly sessions: number;
  readonly notificationsPerSession: number;
  /** Every n-th frame is a resend of an earlier ReqId of the session. */
  readonly duplicateEvery: number;
  /** Drop the connection after this many frames (mid-frame: the last frame is cut in half). */
  readonly reconnectEvery: number;
  /** After reconnecting, resend this many of the most recent ReqIds. */
  readonly replayOnReconnect: number;
  readonly seed: number;
  /** Frames written per socket write. */
  readonly framesPerWrite?: number;
  readonly onSent?: (key: string) => void;
}

export interface StormReport {
  readonly sessions: readonly string[];
  readonly framesSent: number;
  readonly duplicatesSent: number;
  readonly reconnects: number;
  /** `<session>#<path>` of every distinct notification. */
  readonly uniqueKeys: readonly string[];
}

/** Small deterministic PRNG (mulberry32), so a failing storm can be replayed. */
const prng = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

export const pathOf = (reqId: number): string => `storm/f-${reqId}.dat`;

const runSession = async (options: StormOptions, session: string, random: () => number) => {
  let peer: OntapPeer = await connectPeer(options.port);
  await handshake(peer, session);
  const sent: number[] = [];
  let framesSent = 0;
  let duplicatesSent = 0;
  let reconnects = 0;
  let sinceReconnect = 0;
  let nextReqId = 1;
  let pending: Uint8Array[] = [];
  const framesPerWrite = options.framesPerWrite ?? 16;
  const flush = async () => {
    if (pending.length === 0) return;
    await peer.write(Buffer.concat(pending));
    pending = [];
  };
  const send = (reqId: number, duplicate: boolean) => {
    pending.push(screen(reqId, `/${pathOf(reqId)}`));
    framesSent += 1;
    sinceReconnect += 1;
    if (duplicate) duplicatesSent += 1;
    else {
      sent.push(reqId);
      options.onSent?.(`${session}#${pathOf(reqId)}`);
    }
  };
  while (sent.length < options.notificationsPerSession) {
    const duplicate = sent.length > 0 && framesSent % options.duplicateEvery === options.duplicateEvery - 1;
    const reqId = duplicate ? (sent[Math.floor(random() * sent.length)] ?? 1) : nextReqId++;
    send(reqId, duplicate);
    if (pending.length >= framesPerWrite) await flush();
    if (sinceReconnect >= options.reconnectEvery) {
      // Cut the connection in the middle of a frame whose ReqId is resent afterwards, like ONTAP would.
      await flush();
      const cutReqId = sent.at(-1) ?? 1;
      const half = screen(cutReqId, `/${pathOf(cutReqId)}`);
      await peer.write(half.subarray(0, Math.floor(half.length / 2)));
      peer.socket.destroy();
      await peer.closed();
      peer = await connectPeer(options.port);
      await handshake(peer, session);
      reconnects += 1;
      sinceReconnect = 0;
      for (const replay of sent.slice(-options.replayOnReconnect)) send(replay, true);
      await flush();
    }
  }
  await flush();
  await peer.end();
  return { framesSent, duplicatesSent, reconnects, keys: sent.map((r) => `${session}#${pathOf(r)}`) };
};

export const runStorm = async (options: StormOptions): Promise<StormReport> => {
  const random = prng(options.seed);
  const sessions = Array.from({ length: options.sessions }, (_, i) => `storm-session-${options.seed}-${i}`);
  const results = await Promise.all(sessions.map((s) => runSession(options, s, random)));
  return {
    sessions,
    framesSent: results.reduce((n, r) => n + r.framesSent, 0),
    duplicatesSent: results.reduce((n, r) => n + r.duplicatesSent, 0),
    reconnects: results.reduce((n, r) => n + r.reconnects, 0),
    uniqueKeys: results.flatMap((r) => r.keys),
  };
};
