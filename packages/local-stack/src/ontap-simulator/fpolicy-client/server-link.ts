import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import {
  decodeMessage,
  encodeAlertMessage,
  encodeKeepAlive,
  encodeNegoRequest,
  encodeScreenRequest,
  type FpolicyMessage,
  FrameDecoder,
  type NegoRequest,
} from '@fsxn/fpolicy';
import type { EngineType, FpolicyServerAddress } from './config';
import { negoResponseProblem } from './handshake';
import { type Notification, screenRequestInput } from './notification';
import type { EventProtocol } from './operations';

export interface LinkTiming {
  /** ONTAP waits 2 s for NEGO_RESP before resending NEGO_REQ. */
  readonly negotiationTimeoutMs: number;
  readonly connectTimeoutMs: number;
  /** Reconnect backoff: doubles from min to max, with jitter. */
  readonly reconnectMinMs: number;
  readonly reconnectMaxMs: number;
  /** Synchronous engines: how long to wait for a SCREEN_RESP before giving up on it. */
  readonly responseTimeoutMs: number;
  /**
   * Asynchronous engines get no acknowledgement, so notifications written this recently before a connection drops
   * may never have been read: they are sent again (same SessionId and ReqId within the session timeout).
   */
  readonly replayWindowMs: number;
}

export interface LinkSettings {
  readonly server: FpolicyServerAddress;
  readonly vsUuid: string;
  readonly policyName: string;
  readonly offeredVersions: readonly string[];
  readonly engineType: EngineType;
  readonly protocol: EventProtocol;
  readonly keepAliveIntervalMs: number;
  readonly sessionTimeoutMs: number;
  readonly maxConnectionRetries: number;
  readonly timing: LinkTiming;
}

/** Counters shared by every link of one client (the numbers `stats()` reports). */
export interface LinkCounters {
  sent: number;
  replayed: number;
  reconnects: number;
  sessionsReused: number;
  keepAlivesSent: number;
  negotiationFailures: number;
  responseTimeouts: number;
  screenResponses: number;
  connectFailures: number;
}

export interface LinkHooks {
  readonly counters: LinkCounters;
  /** The link can take another notification (negotiated, writable, nothing awaiting a SCREEN_RESP). */
  readonly onCapacity: () => void;
  /** Notifications that must go out again, oldest first. */
  readonly onRequeue: (items: readonly Notification[]) => void;
  readonly now: () => number;
}

export type LinkPhase = 'down' | 'connecting' | 'negotiating' | 'ready' | 'stopped';

export interface LinkInfo {
  readonly server: string;
  readonly phase: LinkPhase;
  readonly sessionId: string | undefined;
  readonly lastError: string | undefined;
}

interface Session {
  readonly id: string;
  nextReqId: number;
}

interface InFlight {
  readonly notification: Notification;
  readonly reqId: number;
  readonly timer: NodeJS.Timeout;
}

/**
 * One TCP connection from "ONTAP" to one FPolicy server, with ONTAP's behaviour: NEGO_REQ first and resent every
 * `negotiationTimeoutMs` up to `maxConnectionRetries` times, the first valid NEGO_RESP accepted (ALERT_MSG and close
 * for an invalid one), KEEP_ALIVE every interval, ReqIds increasing per session, the SessionId reused when
 * reconnecting within the session timeout, and reconnection with backoff for as long as the link runs.
 */
export class ServerLink {
  private phase: LinkPhase = 'down';
  private socket: Socket | undefined;
  private decoder = new FrameDecoder();
  private session: Session | undefined;
  private lastDisconnectMs: number | undefined;
  private everReady = false;
  private failures = 0;
  private writable = true;
  private negoRequest: NegoRequest | undefined;
  private negoAttempts = 0;
  private lastError: string | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private keepAlive: NodeJS.Timeout | undefined;
  private inFlight: InFlight | undefined;
  private recent: { notification: Notification; sentAtMs: number }[] = [];

  constructor(
    private readonly settings: LinkSettings,
    private readonly hooks: LinkHooks,
  ) {}

  start(): void {
    if (this.phase === 'down') this.connect();
  }

  get canSend(): boolean {
    return (
      this.phase === 'ready' &&
      this.writable &&
      (this.settings.engineType === 'asynchronous' || this.inFlight === undefined)
    );
  }

  info(): LinkInfo {
    return {
      server: `${this.settings.server.host}:${this.settings.server.port}`,
      phase: this.phase,
      sessionId: this.session?.id,
      lastError: this.lastError,
    };
  }

  /** Writes one SCREEN_REQ; only call when `canSend`. */
  send(notification: Notification): void {
    const socket = this.socket;
    const session = this.session;
    if (socket === undefined || session === undefined || !this.canSend) {
      this.hooks.onRequeue([notification]);
      return;
    }
    const replay = notification.sentAs?.sessionId === session.id ? notification.sentAs.reqId : undefined;
    const reqId = replay ?? session.nextReqId++;
    notification.sentAs = { sessionId: session.id, reqId };
    const frame = encodeScreenRequest(screenRequestInput(notification, this.settings.protocol, reqId));
    this.writable = socket.write(frame);
    this.hooks.counters.sent += 1;
    const now = this.hooks.now();
    if (this.settings.engineType === 'synchronous') {
      const timer = this.later(this.settings.timing.responseTimeoutMs, () => {
        if (this.inFlight?.reqId !== reqId) return;
        this.inFlight = undefined;
        this.hooks.counters.responseTimeouts += 1;
        this.hooks.onCapacity();
      });
      this.inFlight = { notification, reqId, timer };
    } else {
      this.recent.push({ notification, sentAtMs: now });
      this.pruneRecent(now);
    }
  }

  stop(): void {
    this.phase = 'stopped';
    this.clearTimers();
    this.socket?.destroy();
    this.socket = undefined;
  }

  private connect(): void {
    this.phase = 'connecting';
    this.decoder = new FrameDecoder();
    this.writable = true;
    const socket = connect({ host: this.settings.server.host, port: this.settings.server.port });
    this.socket = socket;
    socket.setNoDelay(true);
    const connectTimer = this.later(this.settings.timing.connectTimeoutMs, () => {
      this.lastError = 'connect timed out';
      socket.destroy();
    });
    socket.once('connect', () => {
      this.cancel(connectTimer);
      this.onConnected(socket);
    });
    socket.on('data', (chunk: Buffer) => this.onData(socket, chunk));
    socket.on('drain', () => {
      if (socket !== this.socket) return;
      this.writable = true;
      this.hooks.onCapacity();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      this.lastError = error.code ?? error.message;
    });
    socket.on('close', () => {
      this.cancel(connectTimer);
      this.onClosed(socket);
    });
  }

  private onConnected(socket: Socket): void {
    if (socket !== this.socket || this.phase !== 'connecting') return;
    this.phase = 'negotiating';
    const now = this.hooks.now();
    const reusable =
      this.session !== undefined &&
      this.lastDisconnectMs !== undefined &&
      now - this.lastDisconnectMs <= this.settings.sessionTimeoutMs;
    if (reusable) this.hooks.counters.sessionsReused += 1;
    else this.session = { id: randomUUID(), nextReqId: 1 };
    this.negoRequest = {
      vsUuid: this.settings.vsUuid,
      policyName: this.settings.policyName,
      sessionId: this.session?.id ?? randomUUID(),
      versions: this.settings.offeredVersions,
    };
    this.negoAttempts = 0;
    this.sendNegoRequest(socket);
  }

  private sendNegoRequest(socket: Socket): void {
    const request = this.negoRequest;
    if (request === undefined || this.phase !== 'negotiating') return;
    socket.write(encodeNegoRequest(request));
    this.negoAttempts += 1;
    this.later(this.settings.timing.negotiationTimeoutMs, () => {
      if (socket !== this.socket || this.phase !== 'negotiating') return;
      if (this.negoAttempts <= this.settings.maxConnectionRetries) {
        this.sendNegoRequest(socket);
        return;
      }
      this.lastError = 'no NEGO_RESP';
      this.hooks.counters.negotiationFailures += 1;
      socket.destroy();
    });
  }

  private onData(socket: Socket, chunk: Buffer): void {
    if (socket !== this.socket) return;
    for (const item of this.decoder.push(chunk)) {
      if (!item.ok) {
        this.lastError = `server sent an invalid frame: ${item.error.reason}`;
        if (!item.error.resyncable) {
          socket.destroy();
          return;
        }
        continue;
      }
      let message: FpolicyMessage;
      try {
        message = decodeMessage(item.frame);
      } catch (error) {
        this.lastError = `server sent an unreadable ${item.frame.header.notfType}: ${error instanceof Error ? error.message : String(error)}`;
        continue;
      }
      this.onMessage(socket, message);
      if (socket !== this.socket) return;
    }
  }

  private onMessage(socket: Socket, message: FpolicyMessage): void {
    if (message.type === 'NEGO_RESP') {
      // ONTAP accepts the first NEGO_RESP and ignores duplicates (answers to resent NEGO_REQs).
      const request = this.negoRequest;
      if (this.phase !== 'negotiating' || request === undefined) return;
      const problem = negoResponseProblem(request, message);
      if (problem !== undefined) {
        this.lastError = problem;
        this.hooks.counters.negotiationFailures += 1;
        this.phase = 'down';
        socket.end(encodeAlertMessage(problem));
        return;
      }
      this.onNegotiated(socket);
      return;
    }
    if (message.type === 'SCREEN_RESP') {
      const inFlight = this.inFlight;
      if (inFlight === undefined || Number(message.reqId) !== inFlight.reqId) return;
      this.cancel(inFlight.timer);
      this.inFlight = undefined;
      this.hooks.counters.screenResponses += 1;
      this.hooks.onCapacity();
    }
  }

  private onNegotiated(socket: Socket): void {
    this.phase = 'ready';
    if (this.everReady) this.hooks.counters.reconnects += 1;
    this.everReady = true;
    this.failures = 0;
    this.keepAlive = setInterval(() => {
      if (socket !== this.socket || this.phase !== 'ready') return;
      socket.write(encodeKeepAlive());
      this.hooks.counters.keepAlivesSent += 1;
    }, this.settings.keepAliveIntervalMs);
    this.hooks.onCapacity();
  }

  private onClosed(socket: Socket): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    const wasReady = this.phase === 'ready';
    this.clearTimers();
    const now = this.hooks.now();
    if (wasReady) this.lastDisconnectMs = now;
    else if (this.phase === 'connecting') this.hooks.counters.connectFailures += 1;
    this.requeueUnconfirmed(now);
    if (this.phase === 'stopped') return;
    this.phase = 'down';
    this.failures += 1;
    const ceiling = Math.min(
      this.settings.timing.reconnectMaxMs,
      this.settings.timing.reconnectMinMs * 2 ** Math.min(this.failures - 1, 16),
    );
    this.later(ceiling / 2 + (Math.random() * ceiling) / 2, () => {
      if (this.phase === 'down') this.connect();
    });
  }

  private requeueUnconfirmed(now: number): void {
    const items: Notification[] = [];
    if (this.inFlight !== undefined) {
      items.push(this.inFlight.notification);
      this.inFlight = undefined;
    }
    this.pruneRecent(now);
    for (const entry of this.recent) items.push(entry.notification);
    this.recent = [];
    if (items.length === 0) return;
    if (this.settings.engineType === 'asynchronous') this.hooks.counters.replayed += items.length;
    this.hooks.onRequeue(items);
  }

  private pruneRecent(now: number): void {
    const oldest = now - this.settings.timing.replayWindowMs;
    let drop = 0;
    while (drop < this.recent.length && (this.recent[drop]?.sentAtMs ?? now) < oldest) drop += 1;
    if (drop > 0) this.recent.splice(0, drop);
  }

  private later(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  private cancel(timer: NodeJS.Timeout): void {
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.keepAlive !== undefined) clearInterval(this.keepAlive);
    this.keepAlive = undefined;
    if (this.inFlight !== undefined) clearTimeout(this.inFlight.timer);
  }
}
